package bulkreg.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * This instance's view of the job-event log: the newest events in memory, fed in order by whatever follows
 * the log (LISTEN/NOTIFY on PostgreSQL), and publishers that hand them to subscribers at each subscriber's
 * own pace. Nothing here buffers per subscriber: a subscriber that falls behind the memory window reads on
 * from the durable log, so a slow reader costs no memory and never slows the workers that append.
 *
 * <p>Subscribers read and wait without the lock: the window in memory is replaced whole on each append
 * ({@link EventWindow}), and waiting subscribers are woken one by one rather than through a condition.
 * Thousands of subscribers of one job all wake at each of its events; behind one lock they would take it in
 * turn, twice each, every one a hand-over between virtual threads. Thread-safe.
 */
public final class JobEventHub implements AutoCloseable {

    private static final int READ_BATCH = 256;

    private final JobEventLog log;
    private final int capacity;
    /** Serialises appends with each other and with {@link #unlessChangedSince}; readers need no lock. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile EventWindow window;
    /** Subscribers' threads waiting for an event; each is woken after every append. */
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    /** When the feed was last caught up with the log; 0 before that and while it is cut off. */
    private volatile long fedAtNanos;
    private final List<Consumer<JobEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param capacity how many recent events stay in memory for subscribers that keep up
     */
    public JobEventHub(JobEventLog log, int capacity, long startAfter) {
        this.log = log;
        this.capacity = capacity;
        this.window = EventWindow.empty(startAfter);
    }

    /** The highest sequence this instance has seen. */
    public long latest() {
        return window.latest();
    }

    /** Adds newly committed events, in sequence order; never blocks on subscribers. */
    public void append(List<JobEvent> events) {
        lock.lock();
        try {
            var added = new ArrayList<JobEvent>(events.size());
            long latest = window.latest();
            for (var event : events) {
                if (event.sequence() > latest) {
                    added.add(event);
                    latest = event.sequence();
                }
            }
            if (added.isEmpty()) {
                return;
            }
            window = window.with(added, capacity);
            added.forEach(event -> listeners.forEach(listener -> listener.accept(event)));
        } finally {
            lock.unlock();
        }
        waiting.forEach(LockSupport::unpark);
    }

    /** Calls {@code listener} with each new event as it is appended, under the hub's lock: keep it short. */
    public void onEachEvent(Consumer<JobEvent> listener) {
        listeners.add(listener);
    }

    /** The feed has read the log to its end (it does so on every notification and at least every poll). */
    public void caughtUp() {
        fedAtNanos = System.nanoTime();
    }

    /** The feed has lost its connection: until it has caught up again, this instance may miss changes. */
    public void feedLost() {
        fedAtNanos = 0;
    }

    /** Whether the feed has caught up within {@code maxAge}, so that this instance knows of every change. */
    public boolean isCurrent(Duration maxAge) {
        long fedAt = fedAtNanos;
        return fedAt != 0 && System.nanoTime() - fedAt <= maxAge.toNanos();
    }

    /**
     * Runs {@code action} unless an event of {@code job} after {@code sequence} has arrived (or may have:
     * events that old are no longer in memory), atomically with {@link #append}: an event appended after
     * the check finds whatever {@code action} did.
     *
     * @return whether the action ran
     */
    public boolean unlessChangedSince(JobId job, long sequence, Runnable action) {
        lock.lock();
        try {
            var held = window;
            if (sequence < held.forgottenUpTo()
                    || held.after(sequence).stream().anyMatch(e -> e.jobId().equals(job))) {
                return false;
            }
            action.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A publisher of the events after {@code afterSequence} that pass {@code filter}, each subscriber served
     * on its own virtual thread, only as fast as it requests.
     *
     * @param first      events to deliver before any from the log (a snapshot of the current state)
     * @param last       the subscription completes after delivering an event that matches this
     * @param latestOnly for subscribers that need the current state, not each change: one that falls behind
     *                   gets only the newest event that passes the filter (never past one that ends it)
     */
    public Flow.Publisher<JobEvent> publisher(long afterSequence, List<JobEvent> first, Predicate<JobEvent> filter,
                                              Predicate<JobEvent> last, boolean latestOnly) {
        return subscriber -> {
            var subscription = new EventSubscription(this, subscriber, afterSequence, first, filter, last,
                    latestOnly);
            subscriber.onSubscribe(subscription);
            subscription.start();
        };
    }

    /**
     * Refuses a resume after {@code sequence} when events after it have already been deleted, even if this
     * instance still holds them in memory, so that every instance answers a resume alike.
     *
     * @throws ConflictException naming the oldest sequence a resume may start from
     */
    public void checkResumable(long sequence) {
        long purged = log.purgedThrough();
        if (sequence < purged) {
            throw JobEventLog.expired(sequence, purged);
        }
    }

    /** Up to {@code max} events after {@code sequence}: from memory while it still holds them, else from the log. */
    List<JobEvent> read(long sequence, int max) {
        var held = window;
        if (sequence >= held.forgottenUpTo()) {
            var newer = held.after(sequence);
            return newer.size() <= max ? newer : newer.subList(0, max);
        }
        return log.after(sequence, Math.min(max, READ_BATCH));
    }

    /** Waits until an event after {@code sequence} has arrived, the hub closes, or the timeout passes. */
    void awaitAfter(long sequence, Duration timeout) throws InterruptedException {
        var me = Thread.currentThread();
        // registered before the check, so an append either published its event before the check or wakes us
        waiting.add(me);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (window.latest() <= sequence && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            waiting.remove(me);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Ends every subscription (with an error saying the service is shutting down). */
    @Override
    public void close() {
        closed = true;
        waiting.forEach(LockSupport::unpark);
    }
}
