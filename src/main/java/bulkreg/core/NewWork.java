package bulkreg.core;

/**
 * Tells this instance's workers that new work is in the store: a hint to look now, never the work itself
 * (workers always claim from the store). Thread-safe.
 */
public interface NewWork {

    /**
     * A job was created. The instance that stored it says so at once, and its created event says so again a
     * few milliseconds later; only the first word about a job wakes a worker, so that two workers do not both
     * run a claim for the one job (the second finding nothing, on cores the first needs).
     */
    void created(JobId job);

    /** Work appeared otherwise (a job re-queued): wakes an idle worker. */
    void available();
}
