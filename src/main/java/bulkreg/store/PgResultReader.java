package bulkreg.store;

import bulkreg.core.ActivityId;
import bulkreg.core.ItemError;
import bulkreg.core.Job;
import bulkreg.core.JobDetail;
import bulkreg.core.JobId;
import bulkreg.core.MentorResult;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

import java.util.Optional;

/**
 * Reads a job with its per-mentor results in one REPEATABLE READ snapshot, so the counts and the results
 * agree even while a chunk commits in between.
 */
final class PgResultReader {

    private static final String RESULTS = """
            SELECT m.mentor_id, m.ord <= j.next_index AS reached, a.id AS activity_id,
                   f.error_code, f.error_message, coalesce(f.retry_pending, false) AS awaiting_retry
            FROM bulk_job j
            CROSS JOIN LATERAL unnest(j.mentor_ids) WITH ORDINALITY AS m(mentor_id, ord)
            LEFT JOIN participation_activity a ON a.job_id = j.id AND a.mentor_id = m.mentor_id
            LEFT JOIN bulk_failure f ON f.job_id = j.id AND f.mentor_id = m.mentor_id
            WHERE j.id = ?
            ORDER BY m.ord""";

    private final DbClient db;

    PgResultReader(DbClient db) {
        this.db = db;
    }

    Optional<JobDetail> read(JobId id) {
        return PgErrors.call(() -> {
            DbTransaction tx = db.transaction();
            try {
                tx.dml("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                var detail = tx.get("SELECT %s FROM bulk_job WHERE id = ? AND deleted_at IS NULL"
                                .formatted(JobRows.JOB_COLUMNS), id.value())
                        .map(JobRows::job)
                        .map(job -> new JobDetail(job, tx.query(RESULTS, id.value())
                                .map(row -> result(job, row)).toList()));
                tx.commit();
                return detail;
            } catch (RuntimeException e) {
                tx.rollback();
                throw e;
            }
        });
    }

    private static MentorResult result(Job job, DbRow row) {
        var activity = Optional.ofNullable((Number) JobRows.raw(row, "activity_id"))
                .map(n -> new ActivityId(n.longValue()));
        var error = Optional.ofNullable(JobRows.text(row, "error_code"))
                .map(code -> new ItemError(code, JobRows.text(row, "error_message")));
        return MentorResult.derive(JobRows.text(row, "mentor_id"), activity, error,
                (Boolean) JobRows.raw(row, "awaiting_retry"), (Boolean) JobRows.raw(row, "reached"), job.status());
    }
}
