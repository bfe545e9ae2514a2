package bulkreg.core;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Takes jobs from the {@link JobStore} (never from memory: a wake-up only says "look now") and processes them
 * chunk by chunk on virtual threads, up to {@code parallel} chunks of a job at once ({@link MainPass}). Several
 * instances may run workers on one database; leases keep each job with one worker at a time, and every chunk
 * transaction re-checks the lease, so nothing is written twice.
 */
public final class JobWorker implements NewWork, AutoCloseable {

    /** How many recently announced jobs are remembered, to hear of each only once. */
    private static final int ANNOUNCED = 1024;

    private static final System.Logger LOG = System.getLogger(JobWorker.class.getName());

    private final JobStore store;
    private final WorkerSettings settings;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Set<JobId> announced = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JobId, Boolean> eldest) {
            return size() > ANNOUNCED;
        }
    });
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public JobWorker(JobStore store, WorkerSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public synchronized void start() {
        running = true;
        for (int i = 0; i < settings.workers(); i++) {
            // Each worker leases under a name of its own: a lease that expires while its worker still lives (a
            // long outage) is then taken over by one worker, here or elsewhere, never shared by two.
            var owner = settings.owner() + "-w" + i;
            threads.add(Thread.ofVirtual().name("job-worker-" + i).start(() -> run(owner)));
        }
    }

    @Override
    public void created(JobId job) {
        synchronized (announced) {
            if (!announced.add(job)) {
                return;
            }
        }
        available();
    }

    /** Tells idle workers that new work may be in the store. */
    @Override
    public void available() {
        if (wakeUps.availablePermits() < settings.workers()) {
            wakeUps.release();
        }
    }

    /**
     * Stops taking work, at once and without waiting: no worker claims another job or starts another chunk;
     * each ends the chunks it has in flight and releases its job, so that another instance continues it straight away.
     * Call first when the instance stops, then {@link #close()}.
     */
    public void stop() {
        running = false;
        wakeUps.release(Math.max(1, settings.workers()));
    }

    /** {@link #stop() Stops} and waits (at most a lease) for each worker to end its chunk and release its job. */
    @Override
    public synchronized void close() {
        stop();
        for (var thread : threads) {
            try {
                thread.join(settings.lease().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    private void run(String owner) {
        while (running) {
            try {
                var claimed = store.claimNext(owner, settings.lease());
                if (claimed.isPresent()) {
                    process(claimed.get());
                } else {
                    idle();
                }
            } catch (UnavailableException e) {
                LOG.log(Level.WARNING, "Database unavailable; workers retry in " + settings.pollInterval());
                idle();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Worker failed to claim work", e);
                idle();
            }
        }
    }

    private void process(ClaimedJob job) {
        LOG.log(Level.INFO, "Processing " + job.id() + " (" + job.mentorIds().size() + " mentors)");
        int attempts = 0;
        try (var mainPass = new MainPass(store, job, settings.lease())) {
            while (running) {
                try {
                    var outcome = mainPass.remains()
                            ? mainPass.write(settings.parallel(), settings.chunkSize(), () -> running)
                            : store.processChunk(job, settings.chunkSize(), settings.lease());
                    attempts = 0;
                    if (!outcome.more()) {
                        LOG.log(Level.INFO, job.id() + (outcome.held() ? " is " + outcome.status().wireName()
                                : " let go: " + outcome.status().wireName() + ", or leased to another worker"));
                        return;
                    }
                    mainPass.resumeAt(outcome.position());
                } catch (UnavailableException e) {
                    LOG.log(Level.WARNING, "Database unavailable while processing " + job.id() + "; retrying");
                    idle();
                } catch (RuntimeException e) {
                    attempts++;
                    LOG.log(Level.ERROR, "Chunk of " + job.id() + " failed (attempt " + attempts + ")", e);
                    if (attempts >= settings.maxAttempts()) {
                        store.fail(job, "Processing failed " + attempts + " times in a row: " + e.getMessage());
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        store.release(job);
    }

    private void idle() {
        try {
            wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
