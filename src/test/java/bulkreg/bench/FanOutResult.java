package bulkreg.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The figures of one fan-out round, lags in milliseconds (-1 where nothing was measured).
 *
 * <p>Lag is how stale each subscriber's view is: for every change committed during the round and every
 * subscriber, the time from the commit until the subscriber received that change or a newer one (a
 * progress-only subscriber that fell behind is sent the newest state and skips what it missed; the skipped
 * change reached it with the newer state). Both moments are on this JVM's System.nanoTime. A change's commit
 * time is the earliest moment the bench learnt of it: from its own LISTEN connection ({@link CommitClock}),
 * or from any subscriber's delivery if that came first ({@code eventsFirstSeenByASubscriber} counts those).
 * So a lag is never overstated. Snapshots are not changes and carry no lag.
 */
record FanOutResult(int subscribers, int subscribersConnected, int subscribersWithFinalState, int watchers,
                    int watchersConnected, int watchersWithFinalState, long deliveries, int events,
                    int eventsFirstSeenByASubscriber, double graphQlP50Millis, double graphQlP99Millis,
                    double grpcP50Millis, double grpcP99Millis, double allP50Millis, double allP99Millis,
                    double secondsToLastDelivery, List<String> failures) {

    boolean everyoneGotTheFinalState() {
        return subscribersWithFinalState == subscribers && watchersWithFinalState == watchers;
    }

    static FanOutResult of(CommitClock clock, List<Follower> subscribers, List<Follower> watchers, long released) {
        var committed = new TreeMap<Long, Long>(clock.notifiedSince(released));
        firstDeliveries(subscribers, watchers).forEach((sequence, delivered) ->
                committed.merge(sequence, delivered, Math::min));
        int firstSeenByASubscriber = (int) committed.entrySet().stream()
                .filter(e -> clock.notifiedAt(e.getKey()).orElse(Long.MAX_VALUE) > e.getValue()).count();
        var graphQl = lags(committed, subscribers);
        var grpc = lags(committed, watchers);
        var all = new Lags();
        all.addAll(graphQl);
        all.addAll(grpc);
        long deliveries = Stream.concat(subscribers.stream(), watchers.stream()).mapToLong(Follower::count).sum();
        long lastDelivery = Stream.concat(subscribers.stream(), watchers.stream())
                .filter(f -> f.count() > 0).mapToLong(f -> f.arrival(f.count() - 1)).max().orElse(released);
        var failures = Stream.concat(failures("GraphQL", subscribers), failures("gRPC", watchers)).toList();
        return new FanOutResult(subscribers.size(), connected(subscribers), finalStates(subscribers), watchers.size(),
                connected(watchers), finalStates(watchers), deliveries, committed.size(), firstSeenByASubscriber,
                graphQl.percentile(0.50), graphQl.percentile(0.99), grpc.percentile(0.50), grpc.percentile(0.99),
                all.percentile(0.50), all.percentile(0.99), (lastDelivery - released) / 1e9, failures);
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

    /**
     * For each change and follower: its first delivery of that change or a newer one, minus the commit.
     * Deliveries arrive in sequence order, so one pass over both does.
     */
    private static Lags lags(TreeMap<Long, Long> committed, List<Follower> followers) {
        var lags = new Lags();
        for (var f : followers) {
            int i = 0;
            for (var change : committed.entrySet()) {
                while (i < f.count() && f.sequence(i) < change.getKey()) {
                    i++;
                }
                if (i == f.count()) {
                    break; // it never saw this change (its stream failed): counted as without the final state
                }
                lags.add(f.arrival(i) - change.getValue());
            }
        }
        return lags;
    }

    /** A few of the failures, enough to tell what went wrong. */
    private static Stream<String> failures(String transport, List<Follower> followers) {
        return followers.stream().map(Follower::failure).filter(Objects::nonNull).limit(5)
                .map(failure -> transport + ": " + failure);
    }

    private static int connected(List<Follower> followers) {
        return (int) followers.stream().filter(Follower::subscribed).count();
    }

    private static int finalStates(List<Follower> followers) {
        return (int) followers.stream().filter(Follower::sawFinalState).count();
    }
}
