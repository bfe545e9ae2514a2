package bulkreg.bench;

import bulkreg.grpc.v1.BulkRegistrationServiceGrpc;
import bulkreg.grpc.v1.WatchBulkRegistrationRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Figure 4: live fan-out. 1,000 graphql-transport-ws subscribers and 1,000 gRPC watchers follow one
 * 10,000-mentor job. The job is held at its first chunk ({@link JobGate}) until every subscriber has its
 * snapshot, so each one sees the whole job. Lag is delivery time minus commit time, both on this JVM's
 * System.nanoTime (see {@link FanOutResult}).
 */
final class FanOut {

    static final int SUBSCRIBERS = 1_000;
    static final int WATCHERS = 1_000;
    static final int MENTORS = 10_000;
    /** 50 watches per connection, half the server's 100 concurrent calls per connection. */
    private static final int CHANNELS = 20;
    /**
     * Subscribers between their start and their snapshot, at most. The snapshot reads the database, and
     * 2,000 at once would exhaust the service's pool: those past its timeout are refused as busy.
     */
    private static final int SUBSCRIBING_AT_ONCE = 50;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final int httpPort;
    private final int grpcPort;
    private final String databaseUrl;
    /** How long to wait for every stream to end once the job is let through; the run stops by itself. */
    private final Duration runTimeout;
    private final Profiler profiler;
    private int round;

    FanOut(int httpPort, int grpcPort, String databaseUrl, Duration runTimeout, Profiler profiler) {
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.databaseUrl = databaseUrl;
        this.runTimeout = runTimeout;
        this.profiler = profiler;
    }

    FanOutResult measure() throws Exception {
        round++;
        var subscribed = new CountDownLatch(SUBSCRIBERS + WATCHERS);
        var ended = new CountDownLatch(SUBSCRIBERS + WATCHERS);
        var subscribing = new Semaphore(SUBSCRIBING_AT_ONCE);
        var subscribers = followers(SUBSCRIBERS, subscribed, ended, subscribing);
        var watchers = followers(WATCHERS, subscribed, ended, subscribing);
        var channels = new ArrayList<ManagedChannel>();
        var web = HttpClient.newHttpClient();
        try (var clock = new CommitClock(databaseUrl);
             var gate = JobGate.closed(databaseUrl)) {
            var jobId = submit(web);
            long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
            // Profiled apart: subscribing (handshakes, snapshots) and delivering (what the lag is made of).
            profiler.phase("fan-out-subscribe-" + round, () -> {
                subscribe(web, URI.create("ws://127.0.0.1:" + httpPort + "/graphql"), jobId, subscribers,
                        subscribing, deadline);
                watch(channels, jobId, watchers, subscribing, deadline);
                return subscribed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            });
            long released = System.nanoTime();
            profiler.phase("fan-out-deliver-" + round, () -> {
                gate.open();
                return ended.await(runTimeout.toMillis(), TimeUnit.MILLISECONDS);
            });
            return FanOutResult.of(clock, subscribers, watchers, released);
        } finally {
            // Whatever is still open after the timeout is cut, not waited for.
            web.shutdownNow();
            channels.forEach(ManagedChannel::shutdownNow);
            for (var channel : channels) {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Follower> followers(int n, CountDownLatch subscribed, CountDownLatch ended,
                                            Semaphore subscribing) {
        return IntStream.range(0, n).mapToObj(i -> new Follower(subscribed, ended, subscribing)).toList();
    }

    /** Takes a permit to subscribe, or fails the follower past the deadline: nothing starts after it. */
    private static boolean mayStart(Follower follower, Semaphore subscribing, long deadline)
            throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0 && subscribing.tryAcquire(left, TimeUnit.NANOSECONDS)) {
            return true;
        }
        follower.failed("not subscribed within " + CONNECT_TIMEOUT); // returns a permit it never took: harmless
        return false;
    }

    private String submit(HttpClient web) throws Exception {
        var ids = IntStream.range(0, MENTORS).mapToObj(i -> "\"fan" + round + "-" + i + "\"")
                .collect(Collectors.joining(","));
        var body = """
                {"coordinator_id":"bench-fan-out","mentor_ids":[%s],"activity_type":"group_workshop",
                 "activity_date":"2026-03-28","duration_minutes":120,"notes":"bench"}""".formatted(ids);
        var created = web.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/v1/bulk-registrations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + created.statusCode() + ": " + created.body());
        }
        return created.body().replaceAll(".*\"id\":\"(bulk-\\d+)\".*", "$1");
    }

    /** Opens the WebSockets, a few dozen subscribing at a time. */
    private static void subscribe(HttpClient web, URI uri, String jobId, List<Follower> followers,
                                  Semaphore subscribing, long deadline) throws InterruptedException {
        for (var follower : followers) {
            if (!mayStart(follower, subscribing, deadline)) {
                continue;
            }
            web.newWebSocketBuilder().subprotocols("graphql-transport-ws").connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(uri, new GraphQlSubscriber(jobId, follower))
                    .whenComplete((socket, failure) -> {
                        if (failure != null) {
                            follower.failed("handshake: " + failure);
                        }
                    });
        }
    }

    /** Starts the gRPC watches, spread over the channels, a few dozen subscribing at a time. */
    private void watch(List<ManagedChannel> channels, String jobId, List<Follower> followers,
                       Semaphore subscribing, long deadline) throws InterruptedException {
        var request = WatchBulkRegistrationRequest.newBuilder().setId(jobId).setOmitChangedResults(true).build();
        for (int c = 0; c < CHANNELS; c++) {
            channels.add(ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext()
                    .directExecutor().build());
        }
        for (int i = 0; i < followers.size(); i++) {
            if (!mayStart(followers.get(i), subscribing, deadline)) {
                continue;
            }
            var stub = BulkRegistrationServiceGrpc.newStub(channels.get(i % CHANNELS))
                    .withDeadlineAfter(CONNECT_TIMEOUT.plus(runTimeout).toMillis(), TimeUnit.MILLISECONDS);
            stub.watchBulkRegistration(request, new GrpcWatcher(followers.get(i)));
        }
    }
}
