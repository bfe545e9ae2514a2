package bulkreg.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: {@code concurrency} virtual threads each send one request after another for a fixed
 * time. Latencies are kept per thread (no shared lock on the hot path) and merged at the end.
 */
final class LoadGenerator {

    /** One request; true when the answer was the expected one. */
    interface Call {
        boolean send() throws Exception;
    }

    private LoadGenerator() {
    }

    /** Opens what one load thread sends its requests through (a connection of its own, say). */
    interface Opener<C extends AutoCloseable> {
        C open() throws Exception;
    }

    /** One request through the load thread's own {@code C}; true when the answer was the expected one. */
    interface CallOn<C> {
        boolean send(C connection) throws Exception;
    }

    /** The load through one shared client. */
    static Stats run(int concurrency, Duration warmUp, Duration measure, Call call) throws Exception {
        return run(concurrency, warmUp, measure, () -> () -> { }, ignored -> call.send());
    }

    /** The load where each thread opens its own connection and closes it at the end. */
    static <C extends AutoCloseable> Stats run(int concurrency, Duration warmUp, Duration measure, Opener<C> opener,
                                               CallOn<C> call) throws Exception {
        runFor(concurrency, warmUp, opener, call);
        return runFor(concurrency, measure, opener, call);
    }

    private static <C extends AutoCloseable> Stats runFor(int concurrency, Duration duration, Opener<C> opener,
                                                          CallOn<C> call) throws Exception {
        var errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        var tasks = new ArrayList<Callable<long[]>>();
        for (int i = 0; i < concurrency; i++) {
            tasks.add(() -> {
                var latencies = new long[1 << 16];
                int n = 0;
                C connection = opener.open();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.send(connection);
                    } catch (Exception e) {
                        ok = false;
                        connection.close(); // a failed exchange leaves the connection in an unknown state
                        connection = opener.open();
                    }
                    long took = System.nanoTime() - start;
                    if (!ok) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == latencies.length) {
                        latencies = java.util.Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = took;
                }
                connection.close();
                return java.util.Arrays.copyOf(latencies, n);
            });
        }
        long started = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = pool.invokeAll(tasks);
            double seconds = (System.nanoTime() - started) / 1e9;
            var all = new long[0];
            for (var f : futures) {
                var part = f.get();
                var merged = java.util.Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, merged, all.length, part.length);
                all = merged;
            }
            return Stats.of(all, all.length, errors.get(), seconds);
        }
    }
}
