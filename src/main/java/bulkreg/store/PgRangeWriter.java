package bulkreg.store;

import bulkreg.core.ChunkOutcome;
import bulkreg.core.ClaimedJob;
import bulkreg.core.JobStatus;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Writes one range of a job's main pass in a transaction that runs beside those of the job's other ranges
 * and still commits in position order. Each range takes its place in line first: a transaction-scoped
 * advisory lock on (job, end of the range). It inserts its activities and failures without touching the job
 * row, then waits for the lock on (job, start of the range), which the range before it holds until it ends,
 * and only then locks the job row, checks the lease, the status and the position, and moves the job on.
 *
 * <p>So the ranges of a job overlap in their inserts (the bulk of the work) and serialise only on their last
 * statement and commit; a range commits only if the one before it did; and every wait is on a PostgreSQL
 * lock, which its deadlock detector sees: were two jobs' ranges waiting on each other's activity rows (the
 * same mentors on the same day) and on their predecessors, PostgreSQL would abort one of them, which is then
 * repeated, rather than let both hang. Locks are always taken in one order: own place in line, activity rows
 * (in mentor id order), predecessor's place, job row, event numbering.
 */
final class PgRangeWriter {

    /**
     * The two-key form of the advisory lock: a lock space of its own, apart from the one-key locks of event
     * numbering and idempotency keys. The job id is folded into 32 bits; two jobs that share the fold merely
     * wait on each other a little.
     */
    private static final String PLACE_IN_LINE = "SELECT pg_advisory_xact_lock(?, ?)";

    private final DataSource dataSource;

    PgRangeWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the range, repeating its transaction as {@link PgChunkWriter#repeat} says. */
    ChunkOutcome write(ClaimedJob job, int from, int to, Duration lease, Runnable inLine) {
        return PgChunkWriter.repeat(guarded -> writeOnce(job, from, to, lease, inLine, guarded));
    }

    private ChunkOutcome writeOnce(ClaimedJob job, int from, int to, Duration lease, Runnable inLine,
                                   boolean guarded) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                var outcome = write(connection, job, from, to, lease, inLine, guarded);
                if (outcome.held() && outcome.position() == to) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                PgChunkWriter.rollbackKeeping(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw PgErrors.translate(e);
        }
    }

    private static ChunkOutcome write(Connection c, ClaimedJob job, int from, int to, Duration lease,
                                      Runnable inLine, boolean guarded) throws SQLException {
        var before = takePlace(c, job, to);
        inLine.run();
        // A range found already written (its commit went through but its answer was lost) or no longer ours
        // stops before inserting: its rows would collide with those it committed.
        if (before == null || before.status() != JobStatus.PROCESSING || !job.owner().equals(before.leaseOwner())) {
            return ChunkOutcome.letGo(before == null ? JobStatus.CANCELLED : before.status());
        }
        if (before.nextIndex() > from) {
            return ChunkOutcome.outOfTurn(before.nextIndex());
        }
        var counts = PgChunkWriter.run(c, ChunkSql.mainPass(guarded), job, job.overrideDuplicates(), st -> {
            st.setInt(9, from - 1);
            st.setArray(10, c.createArrayOf("text", job.mentorIds().subList(from, to).toArray()));
        });
        awaitPredecessor(c, job, from);
        var state = PgChunkWriter.lock(c, job);
        if (state == null || state.status() != JobStatus.PROCESSING || !job.owner().equals(state.leaseOwner())) {
            return ChunkOutcome.letGo(state == null ? JobStatus.CANCELLED : state.status());
        }
        if (state.nextIndex() != from) {
            return ChunkOutcome.outOfTurn(state.nextIndex());
        }
        var status = PgChunkWriter.advance(c, job, state, to, 0, counts, lease);
        return new ChunkOutcome(true, status, to, counts.registered(), counts.failed());
    }

    /** The job as it stood when this range took its place in line (null when deleted); locks nothing else. */
    private static PgChunkWriter.LockedJob takePlace(Connection c, ClaimedJob job, int to) throws SQLException {
        try (var st = c.prepareStatement("""
                SELECT j.status, j.next_index, j.pending_retries, j.override_duplicates, j.lease_owner
                FROM pg_advisory_xact_lock(?, ?) AS place, bulk_job j
                WHERE j.id = ? AND j.deleted_at IS NULL""")) {
            st.setInt(1, (int) job.id().value());
            st.setInt(2, to);
            st.setLong(3, job.id().value());
            try (var rs = st.executeQuery()) {
                return rs.next() ? PgChunkWriter.lockedJob(rs) : null;
            }
        }
    }

    /** Waits for the range ending at {@code from} (if one is in flight) to commit or roll back. */
    private static void awaitPredecessor(Connection c, ClaimedJob job, int from) throws SQLException {
        try (var st = c.prepareStatement(PLACE_IN_LINE)) {
            st.setInt(1, (int) job.id().value());
            st.setInt(2, from);
            st.execute();
        }
    }
}
