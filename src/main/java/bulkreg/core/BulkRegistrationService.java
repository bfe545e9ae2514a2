package bulkreg.core;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one facade every front calls. Validates input, applies the job state rules and delegates storage to
 * the {@link JobStore}; processing happens in the background in {@link JobWorker}. Thread-safe.
 */
public final class BulkRegistrationService {

    private static final System.Logger LOG = System.getLogger(BulkRegistrationService.class.getName());

    /** The most results one page may hold. */
    public static final int MAX_RESULTS_PAGE = 1000;

    private final JobStore store;
    private final JobEventHub events;
    /** The results recent events changed: at most 50,000 results (some 8 MB) over up to 256 events. */
    private final RecentCache<Long, List<MentorResult>> changed = new RecentCache<>(256, 50_000, List::size);
    private final FinishedJobCache finished;
    private final JobReads reads;
    private final RegistrationValidator validator;
    private final NewWork newWork;

    /**
     * @param newWork told after a job is stored or re-queued, so a local worker starts at once
     */
    public BulkRegistrationService(JobStore store, JobEventHub events, FinishedJobCache finished,
                                   RegistrationValidator validator, NewWork newWork) {
        this.store = store;
        this.events = events;
        this.finished = finished;
        this.reads = new JobReads(store, finished);
        this.validator = validator;
        this.newWork = newWork;
    }

    /** Validates and stores a new job; it is processed in the background. */
    public Job submit(RegistrationRequest request) {
        return submit(request, Optional.empty()).job();
    }

    /**
     * Validates and stores a new job, at most once per idempotency key: repeating a request with its key
     * answers the first job (even after a lost answer or a crash), a different request with a used key is
     * refused, and a repeat while the first is still being stored is a conflict to retry.
     */
    public Submission submit(RegistrationRequest request, Optional<String> idempotencyKey) {
        var registration = validator.validate(request);
        var key = IdempotencyKey.of(idempotencyKey, registration);
        return switch (store.create(registration, key)) {
            case CreateOutcome.Created created -> {
                var job = created.job();
                LOG.log(Level.INFO, "Created " + job.id() + " for " + job.mentorCount() + " mentors");
                newWork.created(job.id());
                yield new Submission(job, false);
            }
            case CreateOutcome.Replayed replayed -> new Submission(replayed.job(), true);
            case CreateOutcome.KeyReused reused -> throw new IdempotencyKeyReusedException();
            case CreateOutcome.KeyBusy busy -> throw new ConflictException(
                    "A request with this idempotency key is still being handled; repeat it in a moment");
        };
    }

    /**
     * Refuses an upload whose mentor ids received so far already pass the limit, before the rest arrives;
     * {@link #submit} still checks the whole request.
     */
    public void checkMentorsSoFar(int received) {
        validator.checkMentorsSoFar(received);
    }

    /** The job without its results (page through those with {@link #results}). */
    public Job job(String id) {
        return reads.job(parse(id)).orElseThrow(() -> notFound(id));
    }

    /** The job with all its results; finished jobs are answered from memory when held (see FinishedJobCache). */
    public JobDetail get(String id) {
        return reads.detail(parse(id)).orElseThrow(() -> notFound(id));
    }

    /**
     * A page of a job's results in request order, after position {@code afterPosition} (-1 for the start),
     * optionally only those of one status.
     */
    public List<MentorResult> results(String id, Optional<ItemStatus> status, int afterPosition, int limit) {
        checkResultsLimit(limit);
        return reads.results(parse(id), status, afterPosition, limit).orElseThrow(() -> notFound(id));
    }

    /**
     * The same page of results for several jobs in one store call, keyed by job id, each telling whether more
     * follow; ids of absent jobs (or that are no job id at all) have no entry.
     */
    public Map<String, ResultPage> results(Collection<String> ids, Optional<ItemStatus> status, int afterPosition,
                                           int limit) {
        checkResultsLimit(limit);
        var byId = new LinkedHashMap<String, ResultPage>();
        reads.results(parseAll(ids), status, afterPosition, limit + 1).forEach((id, results) -> byId.put(
                id.toString(), new ResultPage(results.subList(0, Math.min(limit, results.size())),
                        results.size() > limit)));
        return byId;
    }

    /** The jobs among {@code ids} that exist, keyed by id: those held in memory, the rest in one store call. */
    public Map<String, Job> jobs(Collection<String> ids) {
        var byId = new LinkedHashMap<String, Job>();
        reads.jobs(parseAll(ids)).forEach((id, job) -> byId.put(id.toString(), job));
        return byId;
    }

    /**
     * The current results of the items an event changed, in request order. Memoised per event, so that a
     * thousand watchers of one job cost one query per chunk, not a thousand.
     */
    public List<MentorResult> changedResults(JobEvent event) {
        if (event.changed().isEmpty()) {
            return List.of();
        }
        return changed.computeIfAbsent(event.sequence(), seq -> {
            int first = event.changed().getFirst();
            int span = event.changed().getLast() - first + 1;
            var wanted = new HashSet<>(event.changed());
            return store.results(event.jobId(), Optional.empty(), first - 1, span).stream()
                    .filter(r -> wanted.contains(r.position())).toList();
        });
    }

    public ParticipationActivity activity(String id) {
        return ActivityId.parse(id).flatMap(store::findActivity)
                .orElseThrow(() -> new NotFoundException("No participation activity " + id));
    }

    public Page<JobSummary> list(JobFilter filter, PageRequest page) {
        return store.list(filter, page);
    }

    /**
     * Newest first, up to {@code limit} jobs listed after the job {@code afterId} (from the newest when
     * empty): the keyset paging of cursor-based fronts.
     */
    public Slice<JobSummary> list(JobFilter filter, Optional<String> afterId, int limit) {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw InvalidInputException.of("limit", FieldError.OUT_OF_RANGE,
                    "must be between 1 and " + PageRequest.MAX_LIMIT);
        }
        var after = afterId.map(id -> JobId.parse(id).orElseThrow(() -> InvalidInputException.of("after",
                FieldError.INVALID_FORMAT, "is not a position in this listing; pass an end cursor it returned")));
        return store.listAfter(filter, after, limit);
    }

    /** Re-queues a finished job's failed items, with the given duplicate override. */
    public Job retryFailed(String id, boolean overrideDuplicates) {
        var jobId = parse(id);
        var job = store.find(jobId).orElseThrow(() -> notFound(id));
        switch (job.status()) {
            case PROCESSING -> throw new ConflictException(
                    "Bulk registration job " + id + " is still processing; retry its failures after it completes");
            case CANCELLED -> throw new ConflictException(
                    "Bulk registration job " + id + " was cancelled; submit a new job instead");
            case COMPLETED, FAILED -> { }
        }
        if (job.failureCount() == 0 && job.status() == JobStatus.COMPLETED) {
            throw new ConflictException("Bulk registration job " + id + " has no failed registrations to retry");
        }
        var requeued = changing(jobId, () -> store.requeueFailed(jobId, overrideDuplicates))
                .orElseThrow(() -> new ConflictException("Bulk registration job " + id
                        + " changed while retrying; read it again and retry"));
        LOG.log(Level.INFO, "Retrying " + id + " (retry " + requeued.retryCount() + ")");
        newWork.available();
        return requeued;
    }

    /** Cancels a processing job: its unprocessed items become cancelled, created activities stay. */
    public Job cancel(String id) {
        var jobId = parse(id);
        if (!changing(jobId, () -> store.cancel(jobId))) {
            var job = store.find(jobId).orElseThrow(() -> notFound(id));
            throw new ConflictException("Bulk registration job " + id + " is already " + job.status().wireName()
                    + "; only a processing job can be cancelled");
        }
        LOG.log(Level.INFO, "Cancelled " + id);
        return store.find(jobId).orElseThrow(() -> notFound(id));
    }

    /** Deletes a finished job (its activities stay); a processing job must be cancelled first. */
    public void delete(String id) {
        var jobId = parse(id);
        if (!changing(jobId, () -> store.delete(jobId))) {
            store.find(jobId).orElseThrow(() -> notFound(id));
            throw new ConflictException("Bulk registration job " + id + " is still processing; cancel it first");
        }
        LOG.log(Level.INFO, "Deleted " + id);
    }

    /** Cancels a processing job (created activities stay) or deletes a finished one. */
    public RemovalOutcome remove(String id) {
        var jobId = parse(id);
        if (changing(jobId, () -> store.cancel(jobId))) {
            LOG.log(Level.INFO, "Cancelled {0}", id);
            return RemovalOutcome.CANCELLED;
        }
        if (changing(jobId, () -> store.delete(jobId))) {
            LOG.log(Level.INFO, "Deleted {0}", id);
            return RemovalOutcome.DELETED;
        }
        throw notFound(id);
    }

    /** Runs a change of the job, then (even if it failed: it may have committed) forgets its cached detail. */
    private <T> T changing(JobId id, Supplier<T> change) {
        try {
            return change.get();
        } finally {
            finished.changed(id);
        }
    }

    /**
     * The job's current state, then each committed change of it (every chunk, retry, cancellation), ending
     * after the event that leaves the job in a final status. Each subscriber is served at its own pace.
     * With {@code latestOnly}, for subscribers that show the job's state rather than each change (a progress
     * bar), one that falls behind skips to the newest event instead of replaying every chunk it missed: its
     * view lags by at most one delivery. The event that ends the subscription is never skipped.
     */
    public Flow.Publisher<JobEvent> watch(String id, boolean latestOnly) {
        var jobId = parse(id);
        var snapshot = store.snapshot(jobId).orElseThrow(() -> notFound(id));
        return events.publisher(snapshot.sequence(), List.of(snapshot), e -> e.jobId().equals(jobId),
                e -> e.jobId().equals(jobId) && e.status().isFinal(), latestOnly);
    }

    /**
     * Every job event after {@code afterSequence} that passes the filter, without end.
     *
     * @throws ConflictException when events after {@code afterSequence} were already deleted (retention)
     */
    public Flow.Publisher<JobEvent> events(long afterSequence, Predicate<JobEvent> filter) {
        events.checkResumable(afterSequence);
        return events.publisher(afterSequence, List.of(), filter, e -> false, false);
    }

    /** The sequence of the newest event: a consumer that starts now resumes after it. */
    public long latestEventSequence() {
        return events.latest();
    }

    private static void checkResultsLimit(int limit) {
        if (limit < 1 || limit > MAX_RESULTS_PAGE) {
            throw InvalidInputException.of("limit", FieldError.OUT_OF_RANGE,
                    "must be between 1 and " + MAX_RESULTS_PAGE);
        }
    }

    private static List<JobId> parseAll(Collection<String> ids) {
        return ids.stream().distinct().flatMap(id -> JobId.parse(id).stream()).toList();
    }

    private static JobId parse(String id) {
        return JobId.parse(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No bulk registration job " + id);
    }
}
