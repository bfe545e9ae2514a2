package bulkreg.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of jobs and their results for every front, from memory when the {@link FinishedJobCache} holds the
 * job: the REST detail, GraphQL's jobs and result pages, gRPC's Get and ListResults. A finished job read by
 * id is loaded whole once, so that its result pages follow from memory; a job still processing, and the
 * jobs of a batch not held, come from the store. Thread-safe.
 */
final class JobReads {

    private final JobStore store;
    private final FinishedJobCache finished;

    JobReads(JobStore store, FinishedJobCache finished) {
        this.store = store;
        this.finished = finished;
    }

    Optional<JobDetail> detail(JobId id) {
        return finished.detail(id, () -> store.findWithResults(id));
    }

    Optional<Job> job(JobId id) {
        var held = finished.held(id);
        if (held.isPresent()) {
            return held.map(JobDetail::job);
        }
        var job = store.find(id);
        return job.isPresent() && finished.wouldKeep(job.get()) ? detail(id).map(JobDetail::job) : job;
    }

    /** The jobs among {@code ids} that exist; those not held in one store call. */
    Map<JobId, Job> jobs(Collection<JobId> ids) {
        var found = new LinkedHashMap<JobId, Job>();
        var missing = new ArrayList<JobId>();
        ids.forEach(id -> finished.held(id).ifPresentOrElse(d -> found.put(id, d.job()), () -> missing.add(id)));
        if (!missing.isEmpty()) {
            store.findAll(missing).forEach(job -> found.put(job.id(), job));
        }
        return found;
    }

    /**
     * A page of the job's results as {@link JobStore#results} reads it; empty if there is no such job. A read
     * from the start loads a finished job whole (as {@link #job} does); later pages of a job not held cost one
     * statement each, as before, so a stream through a job still processing does not read the job every page.
     */
    Optional<List<MentorResult>> results(JobId id, Optional<ItemStatus> status, int afterPosition, int limit) {
        var held = finished.held(id);
        if (held.isEmpty() && afterPosition < 0) {
            if (job(id).isEmpty()) {
                return Optional.empty();
            }
            held = finished.held(id);
        }
        if (held.isPresent()) {
            return Optional.of(held.get().page(status, afterPosition, limit));
        }
        var page = store.results(id, status, afterPosition, limit);
        return page.isEmpty() && store.find(id).isEmpty() ? Optional.empty() : Optional.of(page);
    }

    /** The same page of several jobs' results; those not held in one store call. Absent jobs have no entry. */
    Map<JobId, List<MentorResult>> results(Collection<JobId> ids, Optional<ItemStatus> status, int afterPosition,
                                           int limit) {
        var pages = new LinkedHashMap<JobId, List<MentorResult>>();
        var missing = new ArrayList<JobId>();
        ids.forEach(id -> finished.held(id).ifPresentOrElse(
                detail -> pages.put(id, detail.page(status, afterPosition, limit)), () -> missing.add(id)));
        if (!missing.isEmpty()) {
            pages.putAll(store.results(missing, status, afterPosition, limit));
        }
        return pages;
    }
}
