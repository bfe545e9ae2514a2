package bulkreg.graphql;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How subscription events became payloads: each event's selection is executed once for all subscribers
 * with the same document, operation and variables, and reused by the others. For monitoring (and for tests
 * that check the sharing). Thread-safe.
 */
public final class SubscriptionGauge {

    private final AtomicLong executed = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();

    /** Event payloads made by executing the selection. */
    public long executed() {
        return executed.get();
    }

    /** Event payloads taken from another subscriber's execution of the same selection. */
    public long shared() {
        return shared.get();
    }

    void countExecuted() {
        executed.incrementAndGet();
    }

    void countShared() {
        shared.incrementAndGet();
    }
}
