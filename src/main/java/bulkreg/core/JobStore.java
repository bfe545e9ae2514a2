package bulkreg.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where jobs, their items and the activities they create are kept: the system of record, shared by every
 * instance. Implementations are thread-safe; each method is atomic. A store that cannot reach its database
 * throws {@link UnavailableException}.
 */
public interface JobStore {

    /**
     * Stores the job and all its mentor items in one transaction; the job starts as processing. With a key,
     * the key is stored in the same transaction, and a key seen before answers its earlier job instead.
     */
    CreateOutcome create(Registration registration, Optional<IdempotencyKey> key);

    /** Stores a job without an idempotency key. */
    default Job create(Registration registration) {
        return switch (create(registration, Optional.empty())) {
            case CreateOutcome.Created created -> created.job();
            case CreateOutcome.Replayed r -> throw new IllegalStateException("no key, no replay");
            case CreateOutcome.KeyReused r -> throw new IllegalStateException("no key, no reuse");
            case CreateOutcome.KeyBusy r -> throw new IllegalStateException("no key, no wait");
        };
    }

    /** Forgets idempotency keys older than {@code age}; returns how many. */
    int forgetKeysOlderThan(Duration age);

    Optional<Job> find(JobId id);

    /** The job and every mentor's result in request order, from one snapshot. */
    Optional<JobDetail> findWithResults(JobId id);

    /**
     * Up to {@code limit} results of the job after position {@code afterPosition} (-1 for the start), in
     * request order, optionally only those of one status. Empty for an absent job.
     */
    List<MentorResult> results(JobId id, Optional<ItemStatus> status, int afterPosition, int limit);

    /**
     * The results of several jobs at once, each page as {@link #results} gives it, in one round trip: the
     * batched read behind fronts that show many jobs with their results. Absent jobs have no entry.
     */
    Map<JobId, List<MentorResult>> results(Collection<JobId> ids, Optional<ItemStatus> status, int afterPosition,
                                           int limit);

    /** The jobs among {@code ids} that exist, in one round trip, in no particular order. */
    List<Job> findAll(Collection<JobId> ids);

    Optional<ParticipationActivity> findActivity(ActivityId id);

    /**
     * The job's current state as a {@link JobEventKind#SNAPSHOT} event whose sequence is the newest in the log
     * at that moment, so that every later event of the job has a higher one.
     */
    Optional<JobEvent> snapshot(JobId id);

    /** Newest first. */
    Page<JobSummary> list(JobFilter filter, PageRequest page);

    /**
     * Newest first, up to {@code limit} jobs listed after job {@code after} (all from the newest when empty):
     * keyset paging, so jobs created meanwhile neither shift nor repeat a page.
     */
    Slice<JobSummary> listAfter(JobFilter filter, Optional<JobId> after, int limit);

    /**
     * Re-queues the failed items of a finished (completed or failed) job that has something to retry, with
     * the given duplicate override, and counts the retry. Empty when the job is absent or not in that state.
     */
    Optional<Job> requeueFailed(JobId id, boolean overrideDuplicates);

    /** Cancels a processing job; false when it is absent or not processing. */
    boolean cancel(JobId id);

    /** Deletes a job that is not processing (its activities stay); false when absent or processing. */
    boolean delete(JobId id);

    /** Claims the oldest processing job whose lease is free or expired, for {@code lease}. */
    Optional<ClaimedJob> claimNext(String owner, Duration lease);

    /**
     * Writes the main-pass items {@code [from, to)} of the job in one transaction that may run beside the
     * transactions of the job's other ranges, each on a connection of its own: the range's activities and
     * failures first, then, once the transaction writing the items before {@code from} has ended, the job's
     * counts, position, lease and progress event. It commits only if the main pass then stands exactly at
     * {@code from}, so ranges commit in position order, events and counts only grow, and a range whose
     * predecessor failed writes nothing ({@link ChunkOutcome#outOfTurn}, with the position the pass stands
     * at). Does nothing when the caller no longer holds the lease or the job is no longer processing.
     *
     * @param inLine called once the range holds its place in the commit order (at the latest when the call
     *               ends): start the range after it only then
     */
    ChunkOutcome writeRange(ClaimedJob job, int from, int to, Duration lease, Runnable inLine);

    /**
     * Processes the job's next chunk of at most {@code chunkSize} items in one transaction: creates their
     * activities, records their results and counts, renews the lease, and completes the job after its last
     * item. Does nothing when the caller no longer holds the lease or the job is no longer processing.
     */
    ChunkOutcome processChunk(ClaimedJob job, int chunkSize, Duration lease);

    /**
     * Releases every lease, for a process that knows it is the only one on the database (the embedded
     * server): leases left by a crashed run then need not expire first. Returns how many were released.
     */
    int releaseAllLeases();

    /** Gives the lease up so that any instance may continue the job at once. */
    void release(ClaimedJob job);

    /** Marks the job itself as failed, for a reason people can read. */
    void fail(ClaimedJob job, String reason);
}
