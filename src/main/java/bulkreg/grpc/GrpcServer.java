package bulkreg.grpc;

import bulkreg.core.BulkRegistrationService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * grpc-java's own Netty server on a port of its own, serving the bulk registration service, health and
 * reflection. Calls run on virtual threads, so handlers block on the database like every other front.
 */
public final class GrpcServer implements AutoCloseable {

    /** Clients may ping this often (grpc-java's default, 5 minutes, would make long watches GOAWAY). */
    static final Duration PERMIT_KEEPALIVE = Duration.ofSeconds(20);
    /** The server pings an idle connection this often, to notice clients that vanished mid-stream... */
    static final Duration KEEPALIVE = Duration.ofSeconds(60);
    /** ...and closes it when the ping is not answered within this. */
    static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(20);
    /** Streams one connection may have open at once; a client needing more opens another connection. */
    static final int MAX_CALLS_PER_CONNECTION = 100;
    /** How long shutdown waits for calls to end before cutting them off. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(GrpcServer.class.getName());

    private final Server server;
    private final ExecutorService calls;
    private final DatabaseServingStatus health;
    private final StreamGauge streams;

    private GrpcServer(Server server, ExecutorService calls, DatabaseServingStatus health, StreamGauge streams) {
        this.server = server;
        this.calls = calls;
        this.health = health;
        this.streams = streams;
    }

    /**
     * @param maxMessageBytes the largest message a client may send (a larger one fails with RESOURCE_EXHAUSTED)
     * @param databaseUp      whether the database answers, for the health service
     */
    public static GrpcServer start(String host, int port, int maxMessageBytes, BulkRegistrationService service,
                                   BooleanSupplier databaseUp) {
        var calls = Executors.newVirtualThreadPerTaskExecutor();
        var health = new DatabaseServingStatus(databaseUp, HEALTH_INTERVAL);
        var streams = new StreamGauge();
        var watchResponses = new WatchResponses(service::changedResults, streams);
        var endpoint = ServerInterceptors.intercept(new RegistrationEndpoint(service, streams, watchResponses),
                new ErrorMapping());
        var server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .executor(calls)
                .addService(WatchMarshaller.install(endpoint, watchResponses))
                .addService(health.service())
                .addService(ProtoReflectionServiceV1.newInstance())
                .maxInboundMessageSize(maxMessageBytes)
                .maxConcurrentCallsPerConnection(MAX_CALLS_PER_CONNECTION)
                .permitKeepAliveTime(PERMIT_KEEPALIVE.toSeconds(), TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .keepAliveTime(KEEPALIVE.toSeconds(), TimeUnit.SECONDS)
                .keepAliveTimeout(KEEPALIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            health.close();
            calls.shutdownNow();
            throw new UncheckedIOException("The gRPC server could not start on port " + port
                    + " (is it in use? set GRPC_PORT): " + e.getMessage(), e);
        }
        return new GrpcServer(server, calls, health, streams);
    }

    public int port() {
        return server.getPort();
    }

    /** What the open event streams hold, for monitoring (and for tests of flow control). */
    public StreamGauge streams() {
        return streams;
    }

    /** Stops taking calls, reports NOT_SERVING, and waits a bounded time for open calls to end. */
    public void shutdown() {
        health.close();
        server.shutdown();
    }

    /**
     * Waits up to the grace period for calls to end, then cuts the rest off (their clients see UNAVAILABLE
     * and reconnect elsewhere), then stops the call executor.
     */
    @Override
    public void close() {
        shutdown();
        try {
            if (!server.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.INFO, "gRPC calls still open after " + SHUTDOWN_GRACE + "; cutting them off");
                server.shutdownNow();
                server.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        calls.shutdownNow();
    }
}
