package bulkreg.store;

import bulkreg.core.ChunkOutcome;
import bulkreg.core.ClaimedJob;
import bulkreg.core.JobStatus;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Writes one chunk of a job in one transaction: lock the job row and check the lease, insert the chunk's
 * activities and failures in one statement, then advance the job's position and counts. Because the
 * position moves in the same transaction as the rows, a crash at any point repeats nothing and loses nothing.
 */
final class PgChunkWriter {

    /** The chunk's constants, referenced by the statements below as {@code job}. */
    private static final String JOB_CONSTANTS = """
            WITH job AS (
                SELECT ?::bigint AS job_id, ?::text AS activity_type, ?::date AS activity_date,
                       ?::integer AS duration_minutes, ?::text AS notes, ?::boolean AS override_duplicates,
                       ?::text AS error_code, ?::text AS error_message),
            """;

    /**
     * Inserts each chunk mentor's activity. The partial unique index decides the duplicate rule even against
     * concurrent jobs: a mentor who already has the activity is skipped ("first"), then either registered
     * again as an override ("extra") or reported as a failure by the statement that follows. Rows go in in
     * mentor id order: a chunk waits on a concurrent job's uncommitted row for the same mentor, and when every
     * chunk takes its mentors in one order, two chunks can never wait on each other (a deadlock).
     */
    private static final String INSERTS = """
            first AS (
                INSERT INTO participation_activity (mentor_id, activity_type, activity_date, duration_minutes, notes,
                                                    job_id, first_of_kind)
                SELECT c.mentor_id, job.activity_type, job.activity_date, job.duration_minutes, job.notes,
                       job.job_id, true
                FROM chunk c CROSS JOIN job
                ORDER BY c.mentor_id
                ON CONFLICT (mentor_id, activity_type, activity_date) WHERE first_of_kind DO NOTHING
                RETURNING mentor_id),
            extra AS (
                INSERT INTO participation_activity (mentor_id, activity_type, activity_date, duration_minutes, notes,
                                                    job_id, first_of_kind)
                SELECT c.mentor_id, job.activity_type, job.activity_date, job.duration_minutes, job.notes,
                       job.job_id, false
                FROM chunk c CROSS JOIN job
                WHERE job.override_duplicates AND NOT EXISTS (SELECT 1 FROM first f WHERE f.mentor_id = c.mentor_id)
                RETURNING mentor_id),
            """;

    static final String MAIN_PASS = JOB_CONSTANTS + """
            chunk AS (
                SELECT u.mentor_id, (u.ord + ?)::integer AS position
                FROM unnest(?::text[]) WITH ORDINALITY AS u(mentor_id, ord)),
            """ + INSERTS + """
            failed AS (
                INSERT INTO bulk_failure (job_id, mentor_id, position, error_code, error_message)
                SELECT job.job_id, c.mentor_id, c.position, job.error_code, job.error_message
                FROM chunk c CROSS JOIN job
                WHERE NOT job.override_duplicates
                  AND NOT EXISTS (SELECT 1 FROM first f WHERE f.mentor_id = c.mentor_id)
                RETURNING 1)
            SELECT (SELECT count(*) FROM first) + (SELECT count(*) FROM extra) AS registered,
                   (SELECT count(*) FROM failed) AS failed,
                   (SELECT count(*) FROM chunk) AS taken,
                   NULL::integer[] AS positions""";

    private static final String RETRY_PASS = JOB_CONSTANTS + """
            chunk AS (
                SELECT f.mentor_id, f.position FROM bulk_failure f
                WHERE f.job_id = (SELECT job_id FROM job) AND f.retry_pending
                ORDER BY f.position LIMIT ?),
            """ + INSERTS + """
            resolved AS (
                DELETE FROM bulk_failure f
                USING (SELECT mentor_id FROM first UNION ALL SELECT mentor_id FROM extra) r
                WHERE f.job_id = (SELECT job_id FROM job) AND f.mentor_id = r.mentor_id
                RETURNING 1),
            failed AS (
                UPDATE bulk_failure f
                SET retry_pending = false, error_code = job.error_code, error_message = job.error_message
                FROM chunk c CROSS JOIN job
                WHERE f.job_id = job.job_id AND f.mentor_id = c.mentor_id AND NOT job.override_duplicates
                  AND NOT EXISTS (SELECT 1 FROM first x WHERE x.mentor_id = c.mentor_id)
                RETURNING 1)
            SELECT (SELECT count(*) FROM first) + (SELECT count(*) FROM extra) AS registered,
                   (SELECT count(*) FROM failed) AS failed,
                   (SELECT count(*) FROM chunk) AS taken,
                   (SELECT array_agg(position ORDER BY position) FROM chunk) AS positions""";

    /** Moves the job on, renews the lease, completes the job after its last item, and logs the event. */
    private static final String ADVANCE = """
            WITH step AS (SELECT ?::integer AS next_index, ?::integer AS retried, ?::integer AS registered,
                                 ?::integer AS failed, ?::boolean AS done, ?::bigint AS lease_millis,
                                 ?::integer AS changed_from, ?::integer[] AS changed_positions),
            advanced AS (
                UPDATE bulk_job j
                SET next_index = step.next_index, pending_retries = j.pending_retries - step.retried,
                    success_count = j.success_count + step.registered, failure_count = j.failure_count + step.failed,
                    status = CASE WHEN step.done THEN 'completed' ELSE j.status END,
                    completed_at = CASE WHEN step.done THEN now() END,
                    lease_owner = CASE WHEN step.done THEN NULL ELSE j.lease_owner END,
                    lease_until = CASE WHEN step.done THEN NULL
                                       ELSE now() + step.lease_millis * interval '1 millisecond' END,
                    updated_at = now()
                FROM step
                WHERE j.id = ?
                RETURNING j.*),
            """ + EventSql.append("advanced",
                    "CASE WHEN (SELECT done FROM step) THEN 'completed' ELSE 'progressed' END",
                    """
                    (SELECT changed_from FROM step),
                    CASE WHEN (SELECT changed_positions FROM step) IS NULL THEN (SELECT next_index FROM step) END,
                    (SELECT changed_positions FROM step)""") + """
            SELECT status FROM advanced""";

    static final int CONFLICT_ATTEMPTS = 5;

    private final DataSource dataSource;

    PgChunkWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes the chunk, repeating the transaction when PostgreSQL aborted it to resolve a conflict with
     * another transaction (deadlock, serialization failure): nothing of it was committed, so a repeat is safe.
     */
    ChunkOutcome write(ClaimedJob job, int chunkSize, Duration lease) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(job, chunkSize, lease);
            } catch (RuntimeException e) {
                if (attempt >= CONFLICT_ATTEMPTS || !PgErrors.isConflict(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** Rolls back without letting a failed rollback (on a broken connection) hide the original error. */
    static void rollbackKeeping(Connection connection, Exception original) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            original.addSuppressed(e);
        }
    }

    static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while repeating a chunk", e);
        }
    }

    private ChunkOutcome writeOnce(ClaimedJob job, int chunkSize, Duration lease) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                var outcome = write(connection, job, chunkSize, lease);
                connection.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                rollbackKeeping(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw PgErrors.translate(e);
        }
    }

    private ChunkOutcome write(Connection c, ClaimedJob job, int chunkSize, Duration lease) throws SQLException {
        var state = lock(c, job);
        if (state == null || state.status() != JobStatus.PROCESSING || !job.owner().equals(state.leaseOwner())) {
            return ChunkOutcome.letGo(state == null ? JobStatus.CANCELLED : state.status());
        }
        boolean mainPass = state.nextIndex() < job.mentorIds().size();
        int end = Math.min(job.mentorIds().size(), state.nextIndex() + chunkSize);
        Counts counts = mainPass
                ? run(c, MAIN_PASS, job, state.overrideDuplicates(), st -> {
                    st.setInt(9, state.nextIndex() - 1);
                    st.setArray(10, c.createArrayOf("text",
                            job.mentorIds().subList(state.nextIndex(), end).toArray()));
                })
                : run(c, RETRY_PASS, job, state.overrideDuplicates(), st -> st.setInt(9, chunkSize));
        int nextIndex = mainPass ? end : state.nextIndex();
        // A retry pass that finds nothing left settles the counter, so the job cannot wait forever.
        int retried = mainPass ? 0 : counts.taken() == 0 ? state.pendingRetries() : counts.taken();
        return new ChunkOutcome(true, advance(c, job, state, nextIndex, retried, counts, lease), nextIndex,
                counts.registered(), counts.failed());
    }

    record LockedJob(JobStatus status, int nextIndex, int pendingRetries, boolean overrideDuplicates,
                             String leaseOwner) {
    }

    /** @param positions the positions a retry chunk took; null for a main-pass chunk */
    record Counts(int registered, int failed, int taken, Integer[] positions) {
    }

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    static LockedJob lock(Connection c, ClaimedJob job) throws SQLException {
        try (var st = c.prepareStatement("""
                SELECT status, next_index, pending_retries, override_duplicates, lease_owner FROM bulk_job
                WHERE id = ? AND deleted_at IS NULL FOR UPDATE""")) {
            st.setLong(1, job.id().value());
            try (var rs = st.executeQuery()) {
                return rs.next() ? lockedJob(rs) : null;
            }
        }
    }

    /** Reads status, next_index, pending_retries, override_duplicates and lease_owner, in that order. */
    static LockedJob lockedJob(ResultSet rs) throws SQLException {
        return new LockedJob(JobStatus.fromWire(rs.getString(1)).orElseThrow(), rs.getInt(2), rs.getInt(3),
                rs.getBoolean(4), rs.getString(5));
    }

    static Counts run(Connection c, String sql, ClaimedJob job, boolean override, Binder chunk)
            throws SQLException {
        try (var st = c.prepareStatement(sql)) {
            var error = job.duplicateError();
            st.setLong(1, job.id().value());
            st.setString(2, job.activityType());
            st.setObject(3, job.activityDate());
            st.setInt(4, job.durationMinutes());
            if (job.notes().isPresent()) {
                st.setString(5, job.notes().get());
            } else {
                st.setNull(5, Types.VARCHAR);
            }
            st.setBoolean(6, override);
            st.setString(7, error.code());
            st.setString(8, error.message());
            chunk.bind(st);
            try (var rs = st.executeQuery()) {
                rs.next();
                var positions = rs.getArray("positions");
                return new Counts(rs.getInt("registered"), rs.getInt("failed"), rs.getInt("taken"),
                        positions == null ? null : (Integer[]) positions.getArray());
            }
        }
    }

    static JobStatus advance(Connection c, ClaimedJob job, LockedJob state, int nextIndex, int retried,
                                     Counts counts, Duration lease) throws SQLException {
        boolean done = nextIndex >= job.mentorIds().size() && state.pendingRetries() - retried == 0;
        try (var st = c.prepareStatement(ADVANCE)) {
            st.setInt(1, nextIndex);
            st.setInt(2, retried);
            st.setInt(3, counts.registered());
            st.setInt(4, counts.failed());
            st.setBoolean(5, done);
            st.setLong(6, lease.toMillis());
            if (counts.positions() == null) {
                st.setInt(7, state.nextIndex());
                st.setNull(8, Types.ARRAY);
            } else {
                st.setNull(7, Types.INTEGER);
                st.setArray(8, c.createArrayOf("integer", counts.positions()));
            }
            st.setLong(9, job.id().value());
            try (var rs = st.executeQuery()) {
                rs.next();
                return JobStatus.fromWire(rs.getString(1)).orElseThrow();
            }
        }
    }
}
