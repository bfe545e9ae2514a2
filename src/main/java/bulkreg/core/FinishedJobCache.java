package bulkreg.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The details of finished jobs (completed, cancelled, failed) with their results, kept in memory. A finished
 * job changes only when it is retried or deleted, while clients read it again and again (a status page, a
 * poller that saw it finish), and each read from PostgreSQL joins every mentor with its outcome.
 *
 * <p>Freshness rests on the job-event log: every change of a job appends an event, and each event that
 * reaches this instance (from any instance) evicts its job, as does every change made through this
 * instance, before it answers. A detail read from the database is kept only if neither arrived while it was
 * being read, so an older read can never overwrite a newer change. Entries are served only while the event
 * feed is current (caught up recently, connection not lost): otherwise every read goes to the database. On
 * this instance a change is seen at once; through another instance, once this instance's feed has read its
 * event (normally milliseconds after the commit, when PostgreSQL delivers the notification).
 *
 * <p>Bounded by the number of results held, not of jobs ({@link WeighedMap}). Thread-safe.
 */
public final class FinishedJobCache {

    private final JobEventHub events;
    private final int maxResults;
    private final Duration feedMaxAge;
    private final WeighedMap<JobId, JobDetail> entries;
    /** Guards {@link #localChanges}, so that counting a change and keeping a detail exclude each other. */
    private final ReentrantLock lock = new ReentrantLock();
    private long localChanges;

    /**
     * @param maxResults the most results held over all entries (0 turns the cache off)
     * @param feedMaxAge entries are served only if the event feed has caught up within this time
     */
    public FinishedJobCache(JobEventHub events, int maxResults, Duration feedMaxAge) {
        this.events = events;
        this.maxResults = maxResults;
        this.feedMaxAge = feedMaxAge;
        this.entries = new WeighedMap<>(maxResults, detail -> detail.results().size());
        // Under the hub's lock, so a read checked by unlessChangedSince cannot be kept after this.
        events.onEachEvent(event -> entries.remove(event.jobId()));
    }

    /** The job's detail, from memory when it is held and current, else from {@code load} (kept if finished). */
    public Optional<JobDetail> detail(JobId id, Supplier<Optional<JobDetail>> load) {
        if (maxResults == 0) {
            return load.get();
        }
        var held = held(id);
        if (held.isPresent()) {
            return held;
        }
        boolean current = events.isCurrent(feedMaxAge); // before the read: a feed lost meanwhile keeps nothing
        long sequence = events.latest();
        long changesBefore = localChangeCount();
        var loaded = load.get();
        loaded.filter(detail -> current && wouldKeep(detail.job()))
                .ifPresent(detail -> events.unlessChangedSince(id, sequence, () -> keep(detail, changesBefore)));
        return loaded;
    }

    /** The job's detail if it is held and may be served now; never loads. */
    public Optional<JobDetail> held(JobId id) {
        if (maxResults == 0 || !events.isCurrent(feedMaxAge)) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.get(id));
    }

    /** Whether a detail of the job read now would be kept: it is finished, fits, and the feed is current. */
    public boolean wouldKeep(Job job) {
        return maxResults > 0 && job.status().isFinal() && entries.fits(job.mentorCount())
                && events.isCurrent(feedMaxAge);
    }

    /** Forgets the job's detail after a change made through this instance has committed. */
    public void changed(JobId id) {
        lock.lock();
        try {
            localChanges++;
            entries.remove(id);
        } finally {
            lock.unlock();
        }
    }

    private long localChangeCount() {
        lock.lock();
        try {
            return localChanges;
        } finally {
            lock.unlock();
        }
    }

    private void keep(JobDetail detail, long changesBefore) {
        lock.lock();
        try {
            // A change made here while the detail was read may postdate it: then it is not kept.
            if (localChanges == changesBefore) {
                entries.put(detail.job().id(), detail);
            }
        } finally {
            lock.unlock();
        }
    }
}
