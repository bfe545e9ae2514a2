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

    static Stats run(int concurrency, Duration warmUp, Duration measure, Call call) throws Exception {
        runFor(concurrency, warmUp, call);
        return runFor(concurrency, measure, call);
    }

    private static Stats runFor(int concurrency, Duration duration, Call call) throws Exception {
        var errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        var tasks = new ArrayList<Callable<long[]>>();
        for (int i = 0; i < concurrency; i++) {
            tasks.add(() -> {
                var latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.send();
                    } catch (Exception e) {
                        ok = false;
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
