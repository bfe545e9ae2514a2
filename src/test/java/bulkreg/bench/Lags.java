package bulkreg.bench;

import java.util.Arrays;

/** Lags in nanoseconds, collected one by one, reported as percentiles in milliseconds. */
final class Lags {

    private long[] nanos = new long[1024];
    private int count;

    void add(long lag) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = lag;
    }

    void addAll(Lags other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** The percentile in milliseconds, -1 when there is nothing to report. */
    double percentile(double p) {
        if (count == 0) {
            return -1;
        }
        var sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(p * count) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
