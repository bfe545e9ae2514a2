package bulkreg.app;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.JobEventHub;
import bulkreg.core.JobWorker;
import bulkreg.core.RegistrationValidator;
import bulkreg.core.WorkerSettings;
import bulkreg.rest.BareRoute;
import bulkreg.graphql.GraphQlApi;
import bulkreg.rest.RestApi;
import bulkreg.rest.TransportProblems;
import bulkreg.store.HikariConnectionPool;
import bulkreg.store.PgJobEventFeed;
import bulkreg.store.PgJobEventLog;
import bulkreg.store.PgJobStore;
import bulkreg.store.StatementCounter;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

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
    private final ScheduledExecutorService graphQlTimers;
    private final GraphQlApi graphQl;
    private final WebServer server;
    private final StatementCounter statements;

    private App(Optional<EmbeddedDatabase> embedded, HikariDataSource dataSource, DbClient db, JobEventHub events,
                PgJobEventFeed feed, JobWorker worker, BulkRegistrationService service,
                ScheduledExecutorService graphQlTimers, GraphQlApi graphQl, WebServer server,
                StatementCounter statements) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.db = db;
        this.events = events;
        this.feed = feed;
        this.worker = worker;
        this.service = service;
        this.graphQlTimers = graphQlTimers;
        this.graphQl = graphQl;
        this.server = server;
        this.statements = statements;
    }

    public static App start(Settings settings) {
        requirePortFree(settings.host(), settings.port());
        var database = settings.database();
        var embedded = database.url().isPresent()
                ? Optional.<EmbeddedDatabase>empty()
                : Optional.of(EmbeddedDatabase.start(database.embeddedDataDir(), true));
        var url = database.url().orElseGet(() -> embedded.orElseThrow().jdbcUrl());
        var dataSource = Database.pool(url, database);
        Database.migrate(dataSource);
        var statements = new StatementCounter();
        var db = JdbcClientBuilder.create().connectionPool(new HikariConnectionPool(dataSource))
                .addService(statements).build();

        var store = new PgJobStore(db, dataSource);
        if (embedded.isPresent()) {
            int released = store.releaseAllLeases();
            if (released > 0) {
                LOG.log(Level.INFO, "Resuming " + released + " job(s) interrupted by an earlier run");
            }
        }
        var eventLog = new PgJobEventLog(db);
        var events = new JobEventHub(eventLog, EVENTS_IN_MEMORY, eventLog.latestSequence());
        var feed = new PgJobEventFeed(dataSource, eventLog, events, settings.pollInterval());
        var worker = new JobWorker(store, new WorkerSettings(instanceName(), settings.workers(),
                settings.chunkSize(), settings.lease(), settings.pollInterval(), settings.maxAttempts()));
        var service = new BulkRegistrationService(store, events, new RegistrationValidator(settings.limits()), worker::wake);

        var graphQlTimers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("graphql-timers").daemon().factory());
        var graphQl = new GraphQlApi(service, settings.graphql(), graphQlTimers);

        var server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(settings.maxPayloadBytes())
                .directHandlers(TransportProblems.handlers(settings.maxPayloadBytes()))
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .addCheck(new DatabaseHealth(dataSource))
                                .build())
                        .build())
                .routing(routing -> {
                    if (settings.benchRoute()) {
                        new BareRoute().register(routing);
                    }
                    graphQl.register(routing);
                    RestApi.register(routing, service);
                })
                .addRouting(graphQl.webSocketRouting())
                .build()
                .start();
        if (!server.isRunning()) {
            graphQlTimers.shutdownNow();
            db.close();
            dataSource.close();
            embedded.ifPresent(EmbeddedDatabase::close);
            throw new IllegalStateException("the web server could not listen on port " + settings.port()
                    + " (is another process using it? choose another with PORT)");
        }
        feed.start();
        worker.start();
        LOG.log(Level.INFO, "bulkreg listening on port " + server.port());
        return new App(embedded, dataSource, db, events, feed, worker, service, graphQlTimers, graphQl, server,
                statements);
    }

    /** The core facade, for code that embeds the application (and for tests). */
    public BulkRegistrationService service() {
        return service;
    }

    /** SQL statements sent through DB Client since start-up (the chunk writer's JDBC batches excluded). */
    public long sqlStatements() {
        return statements.count();
    }

    public int port() {
        return server.port();
    }

    /** Stops taking requests, lets workers finish their chunk and release their jobs, then closes the rest. */
    @Override
    public void close() {
        graphQl.closeSockets();
        events.close();
        server.stop();
        graphQlTimers.shutdownNow();
        worker.close();
        feed.close();
        db.close();
        dataSource.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }

    /** Fails fast, before the database starts, with a clear message instead of the server's stack trace. */
    private static void requirePortFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (var probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use by another process; choose another with PORT");
        }
    }

    private static String instanceName() {
        return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
