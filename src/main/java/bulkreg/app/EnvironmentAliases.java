package bulkreg.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The documented environment variables and the setting each one sets (they win over application.yaml). */
final class EnvironmentAliases {

    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("PORT", "server.port"),
            Map.entry("GRPC_PORT", "grpc.port"),
            Map.entry("BIND_ADDRESS", "server.host"),
            Map.entry("DATABASE_URL", "db.url"),
            Map.entry("DATABASE_USER", "db.user"),
            Map.entry("DATABASE_PASSWORD", "db.password"),
            Map.entry("DATABASE_POOL_SIZE", "db.pool-size"),
            Map.entry("DATA_DIR", "db.embedded-data-dir"),
            Map.entry("MAX_MENTORS", "bulkreg.max-mentors"),
            Map.entry("WORKERS", "bulkreg.workers"),
            Map.entry("CHUNK_SIZE", "bulkreg.chunk-size"),
            Map.entry("PARALLEL_CHUNKS", "bulkreg.parallel-chunks"),
            Map.entry("LEASE", "bulkreg.lease"),
            Map.entry("POLL_INTERVAL", "bulkreg.poll-interval"),
            Map.entry("BENCH_ROUTE", "bulkreg.bench-route"),
            Map.entry("GRAPHQL_MAX_DEPTH", "graphql.max-depth"),
            Map.entry("GRAPHQL_MAX_COMPLEXITY", "graphql.max-complexity"),
            Map.entry("GRAPHQL_MAX_SUBSCRIPTIONS", "graphql.max-subscriptions"),
            Map.entry("GRAPHQL_INIT_TIMEOUT", "graphql.init-timeout"),
            Map.entry("GRAPHQL_KEEP_ALIVE", "graphql.keep-alive"),
            Map.entry("EVENT_RETENTION", "bulkreg.event-retention"),
            Map.entry("READ_CACHE_RESULTS", "bulkreg.read-cache-results"));

    private EnvironmentAliases() {
    }

    static Optional<String> variableFor(String key) {
        return ALIASES.entrySet().stream().filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey).findFirst();
    }

    static Map<String, String> resolve(Map<String, String> environment) {
        var settings = new LinkedHashMap<String, String>();
        ALIASES.forEach((variable, key) -> {
            var value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
