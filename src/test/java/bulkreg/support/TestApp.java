package bulkreg.support;

import bulkreg.app.App;
import bulkreg.app.DatabaseSettings;
import bulkreg.app.Settings;
import bulkreg.core.BulkRegistrationService;
import bulkreg.core.Limits;
import bulkreg.graphql.GraphQlLimits;
import bulkreg.graphql.SubscriptionGauge;
import bulkreg.grpc.StreamGauge;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The real application, started on a free port against a test database, with small chunks and short
 * leases and polls so background work is quick to observe.
 */
public final class TestApp implements AutoCloseable {

    private final String jdbcUrl;
    private final Settings settings;
    private App app;

    private TestApp(String jdbcUrl, Settings settings) {
        this.jdbcUrl = jdbcUrl;
        this.settings = settings;
        this.app = App.start(settings);
    }

    public static TestApp start() {
        return start(TestDatabase.fresh(), 100);
    }

    public static TestApp start(String jdbcUrl, int chunkSize) {
        return new TestApp(jdbcUrl, settings(jdbcUrl, chunkSize));
    }

    /** The application with settings of the test's own, on the database at {@code jdbcUrl}. */
    public static TestApp start(Settings settings, String jdbcUrl) {
        return new TestApp(jdbcUrl, settings);
    }

    public static Settings settings(String jdbcUrl, int chunkSize) {
        return settings(jdbcUrl, chunkSize, Duration.ofDays(7));
    }

    public static Settings settings(String jdbcUrl, int chunkSize, Duration eventRetention) {
        var limits = new Limits(10_000);
        return new Settings("127.0.0.1", 0, 0,
                new DatabaseSettings(Optional.of(jdbcUrl), "postgres", "postgres", 10, Path.of("unused")),
                limits, 2, chunkSize, 2, Duration.ofSeconds(3), Duration.ofMillis(100), 3, eventRetention, 100_000,
                false,
                GraphQlLimits.defaults(Settings.maxPayloadBytes(limits)));
    }

    /** An instance that only serves requests and streams (no workers): its jobs wait for another instance. */
    public static TestApp serveOnly(String jdbcUrl, int chunkSize) {
        var d = settings(jdbcUrl, chunkSize);
        return start(new Settings(d.host(), d.port(), d.grpcPort(), d.database(), d.limits(), 0, d.chunkSize(),
                d.parallelChunks(), d.lease(), d.pollInterval(), d.maxAttempts(), d.eventRetention(),
                d.readCacheResults(), false, d.graphql()), jdbcUrl);
    }

    /** The real application with settings of the test's own, e.g. small GraphQL limits. */
    public static TestApp start(Settings settings) {
        return new TestApp(settings.database().url().orElseThrow(), settings);
    }

    /** Settings for a fresh database, with these GraphQL limits and workers that look for work this often. */
    public static Settings settings(GraphQlLimits graphql, Duration pollInterval) {
        var d = settings(TestDatabase.fresh(), 100);
        return new Settings(d.host(), d.port(), d.grpcPort(), d.database(), d.limits(), d.workers(), d.chunkSize(),
                d.parallelChunks(), d.lease(), pollInterval, d.maxAttempts(), d.eventRetention(), d.readCacheResults(),
                false, graphql);
    }

    /** SQL statements the application has sent through DB Client so far. */
    public long sqlStatements() {
        return app.sqlStatements();
    }

    public Api api() {
        return new Api(app.port());
    }

    public BulkRegistrationService service() {
        return app.service();
    }

    public int port() {
        return app.port();
    }

    public int grpcPort() {
        return app.grpcPort();
    }

    public StreamGauge grpcStreams() {
        return app.grpcStreams();
    }

    public SubscriptionGauge graphQlSubscriptions() {
        return app.graphQlSubscriptions();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Stops the application as on SIGTERM and starts a new one on the same database. */
    public void restart() {
        app.close();
        app = App.start(settings);
    }

    /** A direct connection, to read back what the service wrote. */
    public Connection sql() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    @Override
    public void close() {
        app.close();
    }
}
