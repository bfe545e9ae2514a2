package bulkreg.store;

import bulkreg.core.ActivityId;
import bulkreg.core.ChunkOutcome;
import bulkreg.core.CreateOutcome;
import bulkreg.core.IdempotencyKey;
import bulkreg.core.ItemStatus;
import bulkreg.core.MentorResult;
import bulkreg.core.ParticipationActivity;
import bulkreg.core.ClaimedJob;
import bulkreg.core.Job;
import bulkreg.core.JobDetail;
import bulkreg.core.JobEvent;
import bulkreg.core.JobFilter;
import bulkreg.core.JobId;
import bulkreg.core.JobStore;
import bulkreg.core.JobSummary;
import bulkreg.core.Page;
import bulkreg.core.PageRequest;
import bulkreg.core.Registration;
import bulkreg.core.Slice;
import io.helidon.dbclient.DbClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link JobStore} on PostgreSQL. Simple statements go through Helidon DB Client; the chunk write and
 * the consistent result read take a pooled JDBC connection of their own (DB Client has no batch or
 * isolation API). Thread-safe.
 */
public final class PgJobStore implements JobStore {

    private final DbClient db;
    private final PgJobCreation creation;
    private final PgChunkWriter chunks;
    private final PgRangeWriter ranges;
    private final PgResultReader results;

    public PgJobStore(DbClient db, DataSource dataSource) {
        this.db = db;
        this.creation = new PgJobCreation(db);
        this.chunks = new PgChunkWriter(dataSource);
        this.ranges = new PgRangeWriter(dataSource);
        this.results = new PgResultReader(db);
    }

    @Override
    public CreateOutcome create(Registration registration, Optional<IdempotencyKey> key) {
        return creation.create(registration, key);
    }

    @Override
    public int forgetKeysOlderThan(Duration age) {
        return creation.forgetKeysOlderThan(age);
    }

    @Override
    public Optional<Job> find(JobId id) {
        return PgErrors.call(() -> db.execute()
                .get("SELECT %s FROM bulk_job WHERE id = ? AND deleted_at IS NULL".formatted(JobRows.JOB_COLUMNS),
                        id.value())
                .map(JobRows::job));
    }

    @Override
    public Optional<JobDetail> findWithResults(JobId id) {
        return results.read(id);
    }

    @Override
    public List<MentorResult> results(JobId id, Optional<ItemStatus> status, int afterPosition, int limit) {
        return results.page(id, status, afterPosition, limit);
    }

    @Override
    public Map<JobId, List<MentorResult>> results(Collection<JobId> ids, Optional<ItemStatus> status,
                                                  int afterPosition, int limit) {
        return results.pages(ids, status, afterPosition, limit);
    }

    @Override
    public List<Job> findAll(Collection<JobId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return PgErrors.call(() -> db.execute()
                .query("SELECT %s FROM bulk_job WHERE id = ANY(?::bigint[]) AND deleted_at IS NULL"
                        .formatted(JobRows.JOB_COLUMNS), (Object) ids.stream().map(JobId::value).toArray(Long[]::new))
                .map(JobRows::job).toList());
    }

    @Override
    public Optional<ParticipationActivity> findActivity(ActivityId id) {
        return PgErrors.call(() -> db.execute().get("""
                        SELECT id, mentor_id, activity_type, activity_date::text AS activity_date, duration_minutes,
                               notes, job_id, created_at
                        FROM participation_activity WHERE id = ?""", id.value())
                .map(row -> new ParticipationActivity(id, JobRows.text(row, "mentor_id"),
                        JobRows.text(row, "activity_type"), JobRows.date(row, "activity_date"),
                        JobRows.integer(row, "duration_minutes"), Optional.ofNullable(JobRows.text(row, "notes")),
                        new JobId(((Number) JobRows.raw(row, "job_id")).longValue()),
                        JobRows.instant(row, "created_at"))));
    }

    @Override
    public Optional<JobEvent> snapshot(JobId id) {
        return PgErrors.call(() -> db.execute().get("""
                        SELECT (SELECT coalesce(max(seq), 0) FROM job_event) AS seq, j.id AS job_id, j.coordinator_id,
                               'snapshot' AS kind, j.status, j.success_count, j.failure_count, j.mentor_count,
                               NULL::integer AS changed_from, NULL::integer AS changed_to,
                               NULL::integer[] AS changed_positions, now() AS occurred_at
                        FROM bulk_job j WHERE j.id = ? AND j.deleted_at IS NULL""", id.value())
                .map(PgJobEventLog::event));
    }

    @Override
    public Page<JobSummary> list(JobFilter filter, PageRequest page) {
        var where = new StringBuilder("deleted_at IS NULL");
        var params = new ArrayList<Object>();
        conditions(filter, where, params);
        return PgErrors.call(() -> {
            var total = count(where, params);
            var pageParams = new ArrayList<>(params);
            pageParams.add(page.limit());
            pageParams.add(page.offset());
            List<JobSummary> items = db.execute()
                    .query("SELECT %s FROM bulk_job WHERE %s ORDER BY id DESC LIMIT ? OFFSET ?"
                            .formatted(JobRows.SUMMARY_COLUMNS, where), pageParams.toArray())
                    .map(JobRows::summary).toList();
            return new Page<>(items, page, total);
        });
    }

    @Override
    public Slice<JobSummary> listAfter(JobFilter filter, Optional<JobId> after, int limit) {
        var where = new StringBuilder("deleted_at IS NULL");
        var params = new ArrayList<Object>();
        conditions(filter, where, params);
        return PgErrors.call(() -> {
            var total = count(where, params);
            var sliceWhere = new StringBuilder(where);
            var sliceParams = new ArrayList<>(params);
            after.ifPresent(id -> condition(sliceWhere, sliceParams, "id < ?", id.value()));
            sliceParams.add(limit + 1);
            List<JobSummary> items = db.execute()
                    .query("SELECT %s FROM bulk_job WHERE %s ORDER BY id DESC LIMIT ?"
                            .formatted(JobRows.SUMMARY_COLUMNS, sliceWhere), sliceParams.toArray())
                    .map(JobRows::summary).toList();
            return new Slice<>(items.subList(0, Math.min(limit, items.size())), items.size() > limit, total);
        });
    }

    @Override
    public Optional<Job> requeueFailed(JobId id, boolean overrideDuplicates) {
        return PgErrors.call(() -> db.execute().createQuery("""
                        WITH job AS (
                            SELECT id FROM bulk_job
                            WHERE id = ? AND deleted_at IS NULL AND status IN ('completed', 'failed')
                              AND (failure_count > 0 OR status = 'failed')
                            FOR UPDATE),
                        requeued AS (
                            UPDATE bulk_failure f SET retry_pending = true
                            FROM job WHERE f.job_id = job.id AND NOT f.retry_pending
                            RETURNING 1),
                        retried AS (
                            UPDATE bulk_job j
                            SET status = 'processing', override_duplicates = ?, retry_count = retry_count + 1,
                                pending_retries = pending_retries + (SELECT count(*) FROM requeued),
                                failure_count = failure_count - (SELECT count(*) FROM requeued),
                                failure_reason = NULL, completed_at = NULL, updated_at = now()
                            FROM job WHERE j.id = job.id
                            RETURNING j.*),
                        %s
                        SELECT %s FROM retried""".formatted(EventSql.append("retried", "'retried'"),
                        JobRows.JOB_COLUMNS))
                .params(id.value(), overrideDuplicates)
                .execute().map(JobRows::job).findFirst());
    }

    @Override
    public boolean cancel(JobId id) {
        return changed("""
                WITH changed AS (
                    UPDATE bulk_job
                    SET status = 'cancelled', completed_at = now(), updated_at = now(), lease_owner = NULL,
                        lease_until = NULL
                    WHERE id = ? AND status = 'processing' AND deleted_at IS NULL
                    RETURNING *),
                %s
                SELECT count(*) AS changed FROM changed""".formatted(EventSql.append("changed", "'cancelled'")),
                id.value());
    }

    @Override
    public boolean delete(JobId id) {
        return changed("""
                WITH changed AS (
                    UPDATE bulk_job SET deleted_at = now(), updated_at = now()
                    WHERE id = ? AND status <> 'processing' AND deleted_at IS NULL
                    RETURNING *),
                %s
                SELECT count(*) AS changed FROM changed""".formatted(EventSql.append("changed", "'deleted'")),
                id.value());
    }

    @Override
    public Optional<ClaimedJob> claimNext(String owner, Duration lease) {
        return PgErrors.call(() -> db.execute().createQuery("""
                        UPDATE bulk_job
                        SET lease_owner = ?, lease_until = now() + ? * interval '1 millisecond'
                        WHERE id = (SELECT id FROM bulk_job
                                    WHERE status = 'processing' AND deleted_at IS NULL
                                      AND (lease_until IS NULL OR lease_until < now())
                                    ORDER BY id LIMIT 1
                                    FOR UPDATE SKIP LOCKED)
                        RETURNING id, activity_type, activity_date::text AS activity_date, duration_minutes, notes,
                                  mentor_ids, next_index, override_duplicates""")
                .params(owner, lease.toMillis())
                .execute().findFirst()
                .map(row -> new ClaimedJob(new JobId(((Number) JobRows.raw(row, "id")).longValue()), owner,
                        JobRows.text(row, "activity_type"), JobRows.date(row, "activity_date"),
                        JobRows.integer(row, "duration_minutes"), Optional.ofNullable(JobRows.text(row, "notes")),
                        JobRows.strings(JobRows.raw(row, "mentor_ids")), JobRows.integer(row, "next_index"),
                        (Boolean) JobRows.raw(row, "override_duplicates"))));
    }

    @Override
    public ChunkOutcome processChunk(ClaimedJob job, int chunkSize, Duration lease) {
        return chunks.write(job, chunkSize, lease);
    }

    @Override
    public ChunkOutcome writeRange(ClaimedJob job, int from, int to, Duration lease, Runnable inLine) {
        return ranges.write(job, from, to, lease, inLine);
    }

    @Override
    public int releaseAllLeases() {
        return (int) (long) PgErrors.call(() -> db.execute().update(
                "UPDATE bulk_job SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL"));
    }

    @Override
    public void release(ClaimedJob job) {
        PgErrors.call(() -> db.execute().update(
                "UPDATE bulk_job SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                job.id().value(), job.owner()));
    }

    @Override
    public void fail(ClaimedJob job, String reason) {
        changed("""
                WITH changed AS (
                    UPDATE bulk_job
                    SET status = 'failed', failure_reason = ?, completed_at = now(), updated_at = now(),
                        lease_owner = NULL, lease_until = NULL
                    WHERE id = ? AND lease_owner = ? AND status = 'processing'
                    RETURNING *),
                %s
                SELECT count(*) AS changed FROM changed""".formatted(EventSql.append("changed", "'failed'")),
                reason, job.id().value(), job.owner());
    }

    /** Runs a change-and-log statement; true when it changed a job. */
    private boolean changed(String sql, Object... params) {
        return PgErrors.call(() -> db.execute().get(sql, params)
                .map(row -> ((Number) JobRows.raw(row, "changed")).longValue() > 0).orElse(false));
    }

    private long count(CharSequence where, List<Object> params) {
        return db.execute().get("SELECT count(*) AS total FROM bulk_job WHERE " + where, params.toArray())
                .map(row -> ((Number) JobRows.raw(row, "total")).longValue()).orElse(0L);
    }

    private static void conditions(JobFilter filter, StringBuilder where, List<Object> params) {
        filter.status().ifPresent(s -> condition(where, params, "status = ?", s.wireName()));
        filter.coordinatorId().ifPresent(c -> condition(where, params, "coordinator_id = ?", c));
        filter.activityType().ifPresent(t -> condition(where, params, "activity_type = ?", t));
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        where.append(" AND ").append(sql);
        params.add(value);
    }
}
