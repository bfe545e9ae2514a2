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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Figure 4: live fan-out. 1,000 graphql-transport-ws subscribers and 1,000 gRPC watchers follow one
 * 10,000-mentor job. The job is held at its first chunk ({@link JobGate}) until every subscriber has its
 * snapshot, so each one sees the whole job. Lag is delivery time minus commit time, both on this JVM's
 * System.nanoTime: the commit time of an event is the earliest moment the bench learnt of it, from its own
 * LISTEN connection ({@link CommitClock}) or from any subscriber's delivery, whichever came first. Snapshots
 * are not changes and carry no lag.
 */
final class FanOut {

    static final int SUBSCRIBERS = 1_000;
    static final int WATCHERS = 1_000;
    static final int MENTORS = 10_000;
    /** 50 watches per connection, half the server's 100 concurrent calls per connection. */
    private static final int CHANNELS = 20;
    private static final int HANDSHAKES_AT_ONCE = 50;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    /** One fan-out round. Lags in milliseconds; -1 where nothing was measured. */
    record Result(int subscribers, int subscribersConnected, int subscribersWithFinalState, int watchers,
                  int watchersConnected, int watchersWithFinalState, long deliveries, int events,
                  int eventsFirstSeenByASubscriber,
                  double graphQlP50Millis, double graphQlP99Millis, double grpcP50Millis, double grpcP99Millis,
                  double allP50Millis, double allP99Millis, double grpcSinceOccurTimeP99Millis,
                  double secondsToLastFinalState, List<String> failures) {

        boolean everyoneGotTheFinalState() {
            return subscribersWithFinalState == subscribers && watchersWithFinalState == watchers;
        }
    }

    private final int httpPort;
    private final int grpcPort;
    private final String databaseUrl;
    /** How long to wait for every stream to end once the job is let through; the run stops by itself. */
    private final Duration runTimeout;
    private int round;

    FanOut(int httpPort, int grpcPort, String databaseUrl, Duration runTimeout) {
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.databaseUrl = databaseUrl;
        this.runTimeout = runTimeout;
    }

    Result measure() throws Exception {
        round++;
        var subscribed = new CountDownLatch(SUBSCRIBERS + WATCHERS);
        var ended = new CountDownLatch(SUBSCRIBERS + WATCHERS);
        var subscribers = followers(SUBSCRIBERS, subscribed, ended);
        var watchers = followers(WATCHERS, subscribed, ended);
        var channels = new ArrayList<ManagedChannel>();
        var web = HttpClient.newHttpClient();
        try (var clock = new CommitClock(databaseUrl);
             var gate = JobGate.closed(databaseUrl)) {
            var jobId = submit(web);
            subscribe(web, jobId, subscribers);
            watch(channels, jobId, watchers);
            subscribed.await(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long released = System.nanoTime();
            gate.open();
            ended.await(runTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return result(clock, subscribers, watchers, released);
        } finally {
            // Whatever is still open after the timeout is cut, not waited for.
            web.shutdownNow();
            channels.forEach(ManagedChannel::shutdownNow);
            for (var channel : channels) {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Follower> followers(int n, CountDownLatch subscribed, CountDownLatch ended) {
        return IntStream.range(0, n).mapToObj(i -> new Follower(subscribed, ended)).toList();
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

    /** Opens the WebSockets a few dozen handshakes at a time, so the server's accept queue is not the test. */
    private void subscribe(HttpClient web, String jobId, List<Follower> followers) throws InterruptedException {
        var uri = URI.create("ws://127.0.0.1:" + httpPort + "/graphql");
        var handshakes = new Semaphore(HANDSHAKES_AT_ONCE);
        for (var follower : followers) {
            if (!handshakes.tryAcquire(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                follower.failed("no handshake slot within " + CONNECT_TIMEOUT);
                continue;
            }
            web.newWebSocketBuilder().subprotocols("graphql-transport-ws").connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(uri, new GraphQlSubscriber(jobId, follower))
                    .whenComplete((socket, failure) -> {
                        handshakes.release();
                        if (failure != null) {
                            follower.failed("handshake: " + failure);
                        }
                    });
        }
    }

    private void watch(List<ManagedChannel> channels, String jobId, List<Follower> followers) {
        var request = WatchBulkRegistrationRequest.newBuilder().setId(jobId).build();
        for (int c = 0; c < CHANNELS; c++) {
            channels.add(ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext()
                    .directExecutor().build());
        }
        for (int i = 0; i < followers.size(); i++) {
            var stub = BulkRegistrationServiceGrpc.newStub(channels.get(i % CHANNELS))
                    .withDeadlineAfter(CONNECT_TIMEOUT.plus(runTimeout).toMillis(), TimeUnit.MILLISECONDS);
            stub.watchBulkRegistration(request, new GrpcWatcher(followers.get(i)));
        }
    }

    private static Result result(CommitClock clock, List<Follower> subscribers, List<Follower> watchers,
                                 long released) {
        var firstDeliveries = firstDeliveries(subscribers, watchers);
        var committed = new HashMap<Long, Long>();
        firstDeliveries.forEach((sequence, delivered) -> committed.put(sequence,
                Math.min(delivered, clock.notifiedAt(sequence).orElse(delivered))));
        int firstSeenByASubscriber = (int) committed.entrySet().stream()
                .filter(e -> clock.notifiedAt(e.getKey()).orElse(Long.MAX_VALUE) > e.getValue()).count();
        var graphQl = lags(committed, subscribers);
        var grpc = lags(committed, watchers);
        var all = new Lags();
        all.addAll(graphQl);
        all.addAll(grpc);
        var sinceOccurred = new Lags();
        watchers.forEach(w -> IntStream.range(0, w.count()).mapToLong(w::sinceOccurred).forEach(sinceOccurred::add));
        long lastFinal = Stream.concat(subscribers.stream(), watchers.stream())
                .filter(f -> f.count() > 0).mapToLong(f -> f.arrival(f.count() - 1)).max().orElse(released);
        var failures = new ArrayList<String>();
        for (var f : subscribers) {
            if (f.failure() != null && failures.size() < 5) {
                failures.add("GraphQL: " + f.failure());
            }
        }
        for (var f : watchers) {
            if (f.failure() != null && failures.size() < 10) {
                failures.add("gRPC: " + f.failure());
            }
        }
        return new Result(subscribers.size(), connected(subscribers), finalStates(subscribers), watchers.size(),
                connected(watchers), finalStates(watchers), all.count(), committed.size(), firstSeenByASubscriber,
                graphQl.percentile(0.50), graphQl.percentile(0.99), grpc.percentile(0.50), grpc.percentile(0.99),
                all.percentile(0.50), all.percentile(0.99), sinceOccurred.percentile(0.99),
                (lastFinal - released) / 1e9, failures);
    }

    /** Each event's first delivery to anyone. */
    private static Map<Long, Long> firstDeliveries(List<Follower> subscribers, List<Follower> watchers) {
        var earliest = new HashMap<Long, Long>();
        for (var followers : List.of(subscribers, watchers)) {
            for (var f : followers) {
                for (int i = 0; i < f.count(); i++) {
                    earliest.merge(f.sequence(i), f.arrival(i), Math::min);
                }
            }
        }
        return earliest;
    }

    private static Lags lags(Map<Long, Long> committed, List<Follower> followers) {
        var lags = new Lags();
        for (var f : followers) {
            for (int i = 0; i < f.count(); i++) {
                lags.add(f.arrival(i) - committed.get(f.sequence(i)));
            }
        }
        return lags;
    }

    private static int connected(List<Follower> followers) {
        return (int) followers.stream().filter(Follower::subscribed).count();
    }

    private static int finalStates(List<Follower> followers) {
        return (int) followers.stream().filter(Follower::sawFinalState).count();
    }
}
