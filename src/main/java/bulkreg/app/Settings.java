package bulkreg.app;

import bulkreg.core.Limits;
import bulkreg.graphql.GraphQlLimits;
import io.helidon.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting, parsed and checked once at start-up; a bad value stops the start with a message naming
 * the key and its bounds.
 */
public record Settings(String host, int port, int grpcPort, DatabaseSettings database, Limits limits, int workers,
                       int chunkSize, int parallelChunks, Duration lease, Duration pollInterval, int maxAttempts,
                       Duration eventRetention, int readCacheResults, boolean benchRoute, GraphQlLimits graphql) {

    /**
     * The largest request body (REST) and message (gRPC): room for the largest allowed mentor list with the
     * longest ids and notes.
     */
    public long maxPayloadBytes() {
        return maxPayloadBytes(limits);
    }

    /** The largest request body for these limits (GraphQL requests and WebSocket messages too). */
    public static long maxPayloadBytes(Limits limits) {
        return Math.max(1L << 20, limits.maxMentors() * 70L + (64L << 10));
    }

    public static Settings from(Config config) {
        var db = config.get("db");
        var url = db.get("url").asString().filter(s -> !s.isBlank());
        var database = new DatabaseSettings(url,
                db.get("user").asString().orElse("postgres"),
                db.get("password").asString().orElse("postgres"),
                bounded(db, "pool-size", 10, 2, 200),
                Path.of(db.get("embedded-data-dir").asString().orElse("data/postgres")));
        var server = config.get("server");
        var jobs = config.get("bulkreg");
        var limits = new Limits(bounded(jobs, "max-mentors", 10_000, 1, 1_000_000));
        var graphql = config.get("graphql");
        return new Settings(
                server.get("host").asString().orElse("0.0.0.0"),
                bounded(server, "port", 8080, 0, 65535),
                bounded(config.get("grpc"), "port", 9090, 0, 65535),
                database,
                limits,
                bounded(jobs, "workers", 2, 0, 64),
                bounded(jobs, "chunk-size", 1000, 1, 50_000),
                bounded(jobs, "parallel-chunks", 2, 1, 16),
                duration(jobs, "lease", Duration.ofSeconds(30)),
                duration(jobs, "poll-interval", Duration.ofSeconds(1)),
                bounded(jobs, "max-attempts", 3, 1, 100),
                duration(jobs, "event-retention", Duration.ofDays(7)),
                bounded(jobs, "read-cache-results", 100_000, 0, 10_000_000),
                jobs.get("bench-route").asBoolean().orElse(false),
                new GraphQlLimits(bounded(graphql, "max-depth", GraphQlLimits.DEFAULT_MAX_DEPTH, 2, 100),
                        bounded(graphql, "max-complexity", GraphQlLimits.DEFAULT_MAX_COMPLEXITY, 10, 10_000_000),
                        bounded(graphql, "max-subscriptions", GraphQlLimits.DEFAULT_MAX_SUBSCRIPTIONS, 1, 10_000),
                        duration(graphql, "init-timeout", GraphQlLimits.DEFAULT_INIT_TIMEOUT),
                        duration(graphql, "keep-alive", GraphQlLimits.DEFAULT_KEEP_ALIVE),
                        maxPayloadBytes(limits)));
    }

    /** The key, and the environment variable that sets it where there is one. */
    private static String name(Config node) {
        var key = node.key().toString();
        return EnvironmentAliases.variableFor(key).map(v -> key + " (environment variable " + v + ")").orElse(key);
    }

    private static int bounded(Config node, String key, int fallback, int min, int max) {
        var value = node.get(key).asString().map(String::trim).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "Setting " + name(node.get(key)) + " must be a whole number from " + min + " to " + max
                        + ", not '" + value + "'");
    }

    private static Duration duration(Config node, String key, Duration fallback) {
        Optional<String> value = node.get(key).asString().map(String::trim);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            var d = Duration.parse(value.get());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException("Setting " + name(node.get(key))
                + " must be a positive ISO-8601 duration such as PT30S or P7D, not '" + value.get() + "'");
    }
}
