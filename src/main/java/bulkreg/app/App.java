package bulkreg.app;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.JobEventHub;
import bulkreg.core.JobWorker;
import bulkreg.core.RegistrationValidator;
import bulkreg.core.WorkerSettings;
import bulkreg.grpc.GrpcServer;
import bulkreg.grpc.StreamGauge;
import bulkreg.rest.RestApi;
import bulkreg.store.HikariConnectionPool;
import bulkreg.store.PgJobEventFeed;
import bulkreg.store.PgJobEventLog;
import bulkreg.store.PgJobEventRetention;
import bulkreg.store.PgJobStore;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The only place that sees everything: builds the object graph by hand, top to bottom (database, store,
 * worker, service, fronts), owns the server, the pool and the workers, and stops them in reverse order.
 */
public final class App implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(App.class.getName());
    /** Recent job events kept in memory for live subscribers; slower ones read on from PostgreSQL. */
    private static final int EVENTS_IN_MEMORY = 4096;

    private final Optional<EmbeddedDatabase> embedded;
    private final HikariDataSource dataSource;
    private final DbClient db;
    private final JobEventHub events;
    private final PgJobEventFeed feed;
    private final JobWorker worker;
    private final BulkRegistrationService service;
    private final WebServer server;
    private final GrpcServer grpc;
    private final ScheduledExecutorService maintenance;

    private App(Optional<EmbeddedDatabase> embedded, HikariDataSource dataSource, DbClient db, JobEventHub events,
                PgJobEventFeed feed, JobWorker worker, BulkRegistrationService service, WebServer server,
                GrpcServer grpc, ScheduledExecutorService maintenance) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.db = db;
        this.events = events;
        this.feed = feed;
        this.worker = worker;
        this.service = service;
        this.server = server;
        this.grpc = grpc;
        this.maintenance = maintenance;
    }

    public static App start(Settings settings) {
        var database = settings.database();
        var embedded = database.url().isPresent()
                ? Optional.<EmbeddedDatabase>empty()
                : Optional.of(EmbeddedDatabase.start(database.embeddedDataDir(), true));
        var url = database.url().orElseGet(() -> embedded.orElseThrow().jdbcUrl());
        var dataSource = Database.pool(url, database);
        Database.migrate(dataSource);
        var db = JdbcClientBuilder.create().connectionPool(new HikariConnectionPool(dataSource)).build();

        var store = new PgJobStore(db, dataSource);
        var eventLog = new PgJobEventLog(db);
        var events = new JobEventHub(eventLog, EVENTS_IN_MEMORY, eventLog.latestSequence());
        var feed = new PgJobEventFeed(dataSource, eventLog, events, settings.pollInterval());
        var worker = new JobWorker(store, new WorkerSettings(instanceName(), settings.workers(),
                settings.chunkSize(), settings.lease(), settings.pollInterval(), settings.maxAttempts()));
        var service = new BulkRegistrationService(store, events, new RegistrationValidator(settings.limits()), worker::wake);

        var server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(settings.maxPayloadBytes())
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .addCheck(new DatabaseHealth(dataSource))
                                .build())
                        .build())
                .routing(routing -> RestApi.register(routing, service))
                .build()
                .start();
        if (!server.isRunning()) {
            db.close();
            dataSource.close();
            embedded.ifPresent(EmbeddedDatabase::close);
            throw new IllegalStateException("The web server could not start on port " + settings.port()
                    + " (is it in use? set PORT)");
        }
        GrpcServer grpc;
        try {
            grpc = GrpcServer.start(settings.host(), settings.grpcPort(), (int) settings.maxPayloadBytes(), service,
                    new DatabaseHealth(dataSource)::isUp);
        } catch (RuntimeException e) {
            server.stop();
            db.close();
            dataSource.close();
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
        var maintenance = retention(new PgJobEventRetention(db), settings.eventRetention());
        feed.start();
        worker.start();
        LOG.log(Level.INFO, "bulkreg listening on port " + server.port() + " (HTTP) and " + grpc.port() + " (gRPC)");
        return new App(embedded, dataSource, db, events, feed, worker, service, server, grpc, maintenance);
    }

    /** Deletes job events past their retention time, every tenth of it (at most hourly). */
    private static ScheduledExecutorService retention(PgJobEventRetention retention, Duration keep) {
        var every = Math.max(100, Math.min(Duration.ofHours(1).toMillis(), keep.toMillis() / 10));
        var executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("event-retention").factory());
        executor.scheduleWithFixedDelay(() -> {
            try {
                var deleted = retention.purge(keep, Instant.now());
                if (deleted > 0) {
                    LOG.log(Level.INFO, "Deleted " + deleted + " job events older than " + keep);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not delete old job events (will try again): " + e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return executor;
    }

    /** The core facade, for code that embeds the application (and for tests). */
    public BulkRegistrationService service() {
        return service;
    }

    public int port() {
        return server.port();
    }

    public int grpcPort() {
        return grpc.port();
    }

    /** What the gRPC front's event streams hold right now. */
    public StreamGauge grpcStreams() {
        return grpc.streams();
    }

    /**
     * Stops taking requests (event streams end with "shutting down", so their clients reconnect elsewhere),
     * lets workers finish their chunk and release their jobs, then closes the rest.
     */
    @Override
    public void close() {
        maintenance.shutdownNow();
        events.close();
        grpc.shutdown();
        server.stop();
        grpc.close();
        worker.close();
        feed.close();
        db.close();
        dataSource.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }

    private static String instanceName() {
        return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
