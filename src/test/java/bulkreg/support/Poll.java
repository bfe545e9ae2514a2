package bulkreg.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Bounded waiting for a condition, instead of fixed sleeps. */
public final class Poll {

    private Poll() {
    }

    /** Polls every 50 ms until {@code condition} holds; fails naming {@code what} after the timeout. */
    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            pause(50);
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
