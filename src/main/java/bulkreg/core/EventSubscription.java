package bulkreg.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One subscriber's cursor over the event log, delivered from a virtual thread of its own: it reads only
 * when the subscriber has demand, so nothing queues up for a slow subscriber, and its signals are serial as
 * the Flow contract requires. A subscriber that wants the latest state rather than every change
 * ({@code latestOnly}) skips the events it fell behind on.
 */
final class EventSubscription implements Flow.Subscription {

    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

    private final JobEventHub hub;
    private final Flow.Subscriber<? super JobEvent> subscriber;
    private final ArrayDeque<JobEvent> first;
    private final Predicate<JobEvent> filter;
    private final Predicate<JobEvent> last;
    private final boolean latestOnly;
    private final AtomicLong demand = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private volatile boolean cancelled;
    private long cursor;

    EventSubscription(JobEventHub hub, Flow.Subscriber<? super JobEvent> subscriber, long afterSequence,
                      List<JobEvent> first, Predicate<JobEvent> filter, Predicate<JobEvent> last, boolean latestOnly) {
        this.hub = hub;
        this.subscriber = subscriber;
        this.cursor = afterSequence;
        this.first = new ArrayDeque<>(first);
        this.filter = filter;
        this.last = last;
        this.latestOnly = latestOnly;
    }

    void start() {
        Thread.ofVirtual().name("events-" + cursor).start(this::deliver);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            cancelled = true;
            subscriber.onError(new IllegalArgumentException("request(" + n + ") violates the Flow contract"));
            return;
        }
        demand.getAndAccumulate(n, (current, add) -> current + add < 0 ? Long.MAX_VALUE : current + add);
        signal();
    }

    @Override
    public void cancel() {
        cancelled = true;
        signal();
    }

    private void deliver() {
        try {
            while (!cancelled) {
                if (!awaitDemand()) {
                    return;
                }
                if (!first.isEmpty()) {
                    if (emit(first.removeFirst())) {
                        return;
                    }
                    continue;
                }
                if (hub.isClosed()) {
                    subscriber.onError(new ShuttingDownException());
                    return;
                }
                if (latestOnly) {
                    var newest = newest();
                    if (newest.isEmpty()) {
                        hub.awaitAfter(cursor, IDLE_CHECK);
                    } else if (emit(newest.get())) {
                        return;
                    }
                    continue;
                }
                var batch = hub.read(cursor, (int) Math.min(demand.get(), Integer.MAX_VALUE));
                if (batch.isEmpty()) {
                    hub.awaitAfter(cursor, IDLE_CHECK);
                    continue;
                }
                for (var event : batch) {
                    cursor = event.sequence();
                    if (filter.test(event) && emit(event)) {
                        return;
                    }
                    if (cancelled) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!cancelled) {
                cancelled = true;
                subscriber.onError(e);
            }
        }
    }

    /**
     * Conflation: of everything that arrived since the subscriber's last event (from memory, or page by page
     * from the log for one that fell further behind), the newest that passes the filter: it holds the job's
     * whole state, so a subscriber that fell behind catches up at once. The scan stops at an event that ends
     * the subscription, so that one is never skipped for a later change (a retry right after completion).
     */
    private Optional<JobEvent> newest() {
        JobEvent newest = null;
        for (var batch = hub.read(cursor, Integer.MAX_VALUE); !batch.isEmpty();
             batch = hub.read(cursor, Integer.MAX_VALUE)) {
            for (var event : batch) {
                cursor = event.sequence();
                if (filter.test(event)) {
                    newest = event;
                    if (last.test(event)) {
                        return Optional.of(event);
                    }
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /** Delivers one event; true when it was the last one and the subscription has completed. */
    private boolean emit(JobEvent event) {
        demand.decrementAndGet();
        subscriber.onNext(event);
        if (last.test(event)) {
            cancelled = true;
            subscriber.onComplete();
            return true;
        }
        return false;
    }

    private boolean awaitDemand() throws InterruptedException {
        lock.lock();
        try {
            while (demand.get() == 0 && !cancelled) {
                requested.await();
            }
            return !cancelled;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            requested.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
