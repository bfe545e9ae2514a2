package bulkreg.bench;

import java.util.Arrays;

/** Latency figures of one load run: requests per second and percentiles in milliseconds. */
record Stats(long requests, long errors, double seconds, double p50Millis, double p99Millis) {

    double perSecond() {
        return requests / seconds;
    }

    static Stats of(long[] nanos, int count, long errors, double seconds) {
        var sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Stats(count, errors, seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
