package bulkreg.grpc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server's event streams hold right now: how many subscriptions to the core are open, and how
 * many events they have taken from it in all. A reader that stops reading stops the second number from
 * growing; a cancelled or expired call lowers the first at once. And how many watch responses were encoded
 * for all the watchers of an event. Thread-safe.
 */
public final class StreamGauge {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong encoded = new AtomicLong();

    /** Subscriptions to the core's job events that are still open. */
    public int openSubscriptions() {
        return open.get();
    }

    /** Events requested from the core by every stream so far. */
    public long eventsTaken() {
        return taken.get();
    }

    /** WatchBulkRegistration responses encoded once for every watcher of their event (snapshots not counted). */
    public long responsesEncoded() {
        return encoded.get();
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    void took(int events) {
        taken.addAndGet(events);
    }

    void encoded() {
        encoded.incrementAndGet();
    }
}
