package bulkreg.app;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.FinishedJobCache;
import bulkreg.core.JobEventHub;
import bulkreg.core.JobWorker;
import bulkreg.core.RegistrationValidator;
import bulkreg.core.RequestBudget;
import bulkreg.core.WakeOnNewWork;
import bulkreg.core.WorkerSettings;
import bulkreg.graphql.GraphQlApi;
import bulkreg.graphql.SubscriptionGauge;
import bulkreg.grpc.GrpcServer;
import bulkreg.grpc.StreamGauge;
import bulkreg.rest.BareRoute;
import bulkreg.rest.RestApi;
import bulkreg.rest.TransportProblems;
import bulkreg.store.PgJobEventFeed;
import bulkreg.store.PgJobEventRetention;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The only place that sees everything: builds the object graph by hand, top to bottom (database, store,
 * events, worker, service, fronts), owns the servers, the pools and the workers, and stops them in reverse
 * order.
 */
public final class App implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(App.class.getName());
    /** Recent job events kept in memory for live subscribers; slower ones read on from PostgreSQL. */
    private static final int EVENTS_IN_MEMORY = 4096;
    /** Idempotency keys are kept this long (at least a day, as clients are promised). */
    private static final Duration IDEMPOTENCY_KEYS_KEPT = Duration.ofHours(25);
    private static final int MAX_CONNECTIONS = 2048;
    private static final int MAX_CONCURRENT_REQUESTS = 512;

    private final Optional<EmbeddedDatabase> embedded;
    private final Persistence persistence;
    private final JobEventHub events;
    private final PgJobEventFeed feed;
    private final JobWorker worker;
    private final BulkRegistrationService service;
    private final ScheduledExecutorService timers;
    private final GraphQlApi graphQl;
    private final WebServer server;
    private final GrpcServer grpc;

    private App(Optional<EmbeddedDatabase> embedded, Persistence persistence, JobEventHub events,
                PgJobEventFeed feed, JobWorker worker, BulkRegistrationService service,
                ScheduledExecutorService timers, GraphQlApi graphQl, WebServer server, GrpcServer grpc) {
        this.embedded = embedded;
        this.persistence = persistence;
        this.events = events;
        this.feed = feed;
        this.worker = worker;
        this.service = service;
        this.timers = timers;
        this.graphQl = graphQl;
        this.server = server;
        this.grpc = grpc;
    }

    public static App start(Settings settings) {
        requirePortFree(settings.host(), settings.port(), "PORT");
        requirePortFree(settings.host(), settings.grpcPort(), "GRPC_PORT");
        var database = settings.database();
        var embedded = database.url().isPresent()
                ? Optional.<EmbeddedDatabase>empty()
                : Optional.of(EmbeddedDatabase.start(database.embeddedDataDir(), true));
        var url = database.url().orElseGet(() -> embedded.orElseThrow().jdbcUrl());
        var persistence = new Persistence(url, database, settings.workers() * settings.parallelChunks());
        if (embedded.isPresent()) {
            int released = persistence.work.releaseAllLeases();
            if (released > 0) {
                LOG.log(Level.INFO, "Resuming " + released + " job(s) interrupted by an earlier run");
            }
        }
        var events = new JobEventHub(persistence.requestEvents, EVENTS_IN_MEMORY,
                persistence.requestEvents.latestSequence());
        var feed = new PgJobEventFeed(persistence.workPool, persistence.workEvents, events, settings.pollInterval());
        var worker = new JobWorker(persistence.work, new WorkerSettings(instanceName(), settings.workers(),
                settings.chunkSize(), settings.parallelChunks(), settings.lease(), settings.pollInterval(),
                settings.maxAttempts()));
        // Served only while the feed has caught up within three polls (it does at least once per poll).
        var finished = new FinishedJobCache(events, settings.readCacheResults(),
                settings.pollInterval().multipliedBy(3));
        var service = new BulkRegistrationService(persistence.requests, events, finished,
                new RegistrationValidator(settings.limits()), worker);
        // A sixteenth of the heap for request bodies in flight; parsing multiplies them a few times.
        var budget = new RequestBudget(Runtime.getRuntime().maxMemory() / 16, Duration.ofSeconds(10));
        var timers = Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("timers").daemon().factory());
        var graphQl = new GraphQlApi(service, settings.graphql(), budget, timers);
        var health = new DatabaseHealth(persistence.requestPool);

        WebServer server = null;
        GrpcServer grpc = null;
        try {
            server = webServer(settings, service, budget, graphQl, health);
            grpc = GrpcServer.start(settings.host(), settings.grpcPort(), (int) settings.maxPayloadBytes(), service,
                    health::isUp);
        } catch (RuntimeException e) {
            if (server != null) {
                server.stop();
            }
            timers.shutdownNow();
            persistence.close();
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
        scheduleRetention(timers, new PgJobEventRetention(persistence.workDb()), settings.eventRetention());
        timers.scheduleWithFixedDelay(() -> forgetOldKeys(persistence), 1, 60, TimeUnit.MINUTES);
        feed.start();
        worker.start();
        service.events(events.latest(), WakeOnNewWork::isNewWork).subscribe(new WakeOnNewWork(worker));
        if (settings.workers() == 0) {
            LOG.log(Level.INFO, "WORKERS is 0: this instance serves requests and leaves the jobs to other instances");
        }
        LOG.log(Level.INFO, "bulkreg listening on port " + server.port() + " (HTTP) and " + grpc.port() + " (gRPC)");
        return new App(embedded, persistence, events, feed, worker, service, timers, graphQl, server, grpc);
    }

    private static WebServer webServer(Settings settings, BulkRegistrationService service, RequestBudget budget,
                                       GraphQlApi graphQl, DatabaseHealth health) {
        var server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(settings.maxPayloadBytes())
                .directHandlers(TransportProblems.handlers(settings.maxPayloadBytes()))
                .shutdownGracePeriod(Duration.ofSeconds(5))
                // Without TCP_NODELAY an answer written in two parts (head, then body) waits for the client's
                // delayed ACK of the first: about 40 ms added to every request and to WebSocket messages.
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                // Main's hook stops everything in order (sockets closed with 1001 first); the server's own hook
                // would race it and drop connections without a close frame.
                .shutdownHook(false)
                // Bounded, so that a flood of (slow) connections cannot exhaust memory; see README, Deployment.
                .maxTcpConnections(MAX_CONNECTIONS)
                .maxConcurrentRequests(MAX_CONCURRENT_REQUESTS)
                .idleConnectionTimeout(Duration.ofMinutes(1))
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().details(true).addCheck(health).build())
                        .build())
                .routing(routing -> {
                    if (settings.benchRoute()) {
                        new BareRoute().register(routing);
                    }
                    graphQl.register(routing);
                    RestApi.register(routing, service, budget, settings.maxPayloadBytes(),
                            settings.readCacheResults() > 0);
                })
                .addRouting(graphQl.webSocketRouting())
                .build()
                .start();
        if (!server.isRunning()) {
            throw new IllegalStateException("the web server could not listen on port " + settings.port()
                    + " (is another process using it? choose another with PORT)");
        }
        return server;
    }

    /** Deletes job events past their retention time, every tenth of it (at most hourly). */
    private static void scheduleRetention(ScheduledExecutorService timers, PgJobEventRetention retention,
                                          Duration keep) {
        var every = Math.max(100, Math.min(Duration.ofHours(1).toMillis(), keep.toMillis() / 10));
        timers.scheduleWithFixedDelay(() -> {
            try {
                var deleted = retention.purge(keep, Instant.now());
                if (deleted > 0) {
                    LOG.log(Level.INFO, "Deleted " + deleted + " job events older than " + keep);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not delete old job events (will try again): " + e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private static void forgetOldKeys(Persistence persistence) {
        try {
            persistence.work.forgetKeysOlderThan(IDEMPOTENCY_KEYS_KEPT);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not forget old idempotency keys (will try again): " + e.getMessage());
        }
    }

    /** The core facade, for code that embeds the application (and for tests). */
    public BulkRegistrationService service() {
        return service;
    }

    /** SQL statements sent through DB Client since start-up (the chunk writer's JDBC batches excluded). */
    public long sqlStatements() {
        return persistence.statements.count();
    }

    public int port() {
        return server.port();
    }

    public int grpcPort() {
        return grpc.port();
    }

    /** The gRPC streams open now, for tests that watch flow control from the server's side. */
    public StreamGauge grpcStreams() {
        return grpc.streams();
    }

    /** How GraphQL subscription events became payloads, for tests that check their sharing. */
    public SubscriptionGauge graphQlSubscriptions() {
        return graphQl.subscriptions();
    }

    /**
     * Stops taking work first (workers end the chunks they have in flight and release their jobs, so another
     * instance continues them at once), then stops taking requests and ends open streams (WebSocket 1001, gRPC
     * UNAVAILABLE) so clients reconnect elsewhere, then closes the rest.
     */
    @Override
    public void close() {
        worker.stop();
        graphQl.closeSockets();
        events.close();
        grpc.shutdown();
        server.stop();
        grpc.close();
        timers.shutdownNow();
        worker.close();
        feed.close();
        persistence.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }

    /** Fails fast, before the database starts, with a clear message instead of the server's stack trace. */
    private static void requirePortFree(String host, int port, String variable) {
        if (port == 0) {
            return;
        }
        try (var probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use by another process; choose another with "
                    + variable);
        }
    }

    private static String instanceName() {
        return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
