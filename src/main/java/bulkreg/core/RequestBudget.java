package bulkreg.core;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the memory that request bodies being read and parsed may hold at once, shared by every front: a
 * burst of large requests waits its turn (briefly) instead of exhausting the heap, and past the wait it is
 * refused as busy, with nothing changed. Thread-safe.
 */
public final class RequestBudget {

    private static final int KIB = 1024;

    private final Semaphore kibibytes;
    private final int capacity;
    private final Duration wait;

    /**
     * @param bytes the most body bytes held at once (parsing multiplies them a few times)
     * @param wait  how long a request may wait for room before it is refused
     */
    public RequestBudget(long bytes, Duration wait) {
        this.capacity = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / KIB));
        this.kibibytes = new Semaphore(capacity, true);
        this.wait = wait;
    }

    /** Room for a body of this size (its declared length, or the largest allowed when unknown). */
    public Permit acquire(long bodyBytes) {
        int wanted = (int) Math.min(capacity, Math.max(1, bodyBytes / KIB + 1));
        try {
            if (!kibibytes.tryAcquire(wanted, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UnavailableException("The service is busy with other large requests; try again shortly",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while waiting for room", e);
        }
        return new Permit(wanted);
    }

    /** Held while a body is in memory; closing it gives the room back. */
    public final class Permit implements AutoCloseable {

        private final int held;
        private boolean closed;

        private Permit(int held) {
            this.held = held;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                kibibytes.release(held);
            }
        }
    }
}
