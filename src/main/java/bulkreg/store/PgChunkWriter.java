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

    static final int CONFLICT_ATTEMPTS = 5;

    private final DataSource dataSource;

    PgChunkWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the chunk, repeating its transaction as {@link #repeat} says. */
    ChunkOutcome write(ClaimedJob job, int chunkSize, Duration lease) {
        return repeat(guarded -> writeOnce(job, chunkSize, lease, guarded));
    }

    /** One transaction of a chunk; guarded or speculative insert ({@link ChunkSql}). */
    interface Attempt {
        ChunkOutcome run(boolean guarded);
    }

    /**
     * Runs a chunk's transaction, repeating it when PostgreSQL rolled it back: to resolve a conflict with
     * another transaction (deadlock, serialization failure), after a short random pause; or because a
     * guarded insert met a concurrent job's row for the same mentor, then at once and speculatively. Nothing
     * of a rolled-back transaction was committed, so a repeat is safe.
     */
    static ChunkOutcome repeat(Attempt attempt) {
        boolean guarded = true;
        for (int number = 1; ; number++) {
            try {
                return attempt.run(guarded);
            } catch (RuntimeException e) {
                boolean raced = guarded && PgErrors.isUniqueViolation(e);
                if (number >= CONFLICT_ATTEMPTS || !raced && !PgErrors.isConflict(e)) {
                    throw e;
                }
                if (raced) {
                    guarded = false;
                } else {
                    backOff(number);
                }
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

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while repeating a chunk", e);
        }
    }

    private ChunkOutcome writeOnce(ClaimedJob job, int chunkSize, Duration lease, boolean guarded) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                var outcome = write(connection, job, chunkSize, lease, guarded);
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

    private ChunkOutcome write(Connection c, ClaimedJob job, int chunkSize, Duration lease, boolean guarded)
            throws SQLException {
        var state = lock(c, job);
        if (state == null || state.status() != JobStatus.PROCESSING || !job.owner().equals(state.leaseOwner())) {
            return ChunkOutcome.letGo(state == null ? JobStatus.CANCELLED : state.status());
        }
        boolean mainPass = state.nextIndex() < job.mentorIds().size();
        int end = Math.min(job.mentorIds().size(), state.nextIndex() + chunkSize);
        Counts counts = mainPass
                ? run(c, ChunkSql.mainPass(guarded), job, state.overrideDuplicates(), st -> {
                    st.setInt(9, state.nextIndex() - 1);
                    st.setArray(10, c.createArrayOf("text",
                            job.mentorIds().subList(state.nextIndex(), end).toArray()));
                })
                : run(c, ChunkSql.RETRY_PASS, job, state.overrideDuplicates(), st -> st.setInt(9, chunkSize));
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
        try (var st = c.prepareStatement(ChunkSql.ADVANCE)) {
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
