package bulkreg.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What a database holds, read straight from PostgreSQL with a connection per question: the rows several
 * instances wrote to one database, whichever of them wrote them.
 */
public final class Rows {

    private final String jdbcUrl;

    public Rows(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** A job's state as the workers see it. */
    public record JobRow(String status, int nextIndex, int successCount, int failureCount, String leaseOwner) {
    }

    public JobRow job(String jobId) {
        try (var c = connect(); var st = c.prepareStatement("""
                SELECT status, next_index, success_count, failure_count, lease_owner FROM bulk_job WHERE id = ?""")) {
            st.setLong(1, Activities.jobNumber(jobId));
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no job " + jobId);
                }
                return new JobRow(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the job's lease is held by the instance with this process id (owners are "pid-random"). */
    public boolean leasedTo(String jobId, long pid) {
        var owner = job(jobId).leaseOwner();
        return owner != null && owner.startsWith(pid + "-");
    }

    /** Counts rows: {@code sql} selects one number. */
    public long count(String sql, Object... params) {
        try (var c = connect(); var st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One committed progress event of a job: the items it processed and the job's count after it. */
    public record Progress(String kind, int from, int to, int processed) {
    }

    /** The job's progress events (progressed and completed), in sequence order. */
    public java.util.List<Progress> progressOf(String jobId) {
        try (var c = connect(); var st = c.prepareStatement("""
                SELECT kind, changed_from, changed_to, success_count + failure_count FROM job_event
                WHERE job_id = ? AND kind IN ('progressed', 'completed') ORDER BY seq""")) {
            st.setLong(1, Activities.jobNumber(jobId));
            var events = new java.util.ArrayList<Progress>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    events.add(new Progress(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The activities a job created. */
    public long activitiesOf(String jobId) {
        return count("SELECT count(*) FROM participation_activity WHERE job_id = ?", Activities.jobNumber(jobId));
    }

    /** The different mentors a job registered. */
    public long mentorsRegisteredBy(String jobId) {
        return count("SELECT count(DISTINCT mentor_id) FROM participation_activity WHERE job_id = ?",
                Activities.jobNumber(jobId));
    }

    /** The failure rows of a job (mentors it could not register). */
    public long failuresOf(String jobId) {
        return count("SELECT count(*) FROM bulk_failure WHERE job_id = ?", Activities.jobNumber(jobId));
    }

    /** Mentors whose ids start with {@code prefix} holding more than one activity: must be none. */
    public long mentorsRegisteredTwice(String prefix) {
        return count("""
                SELECT count(*) FROM (SELECT mentor_id FROM participation_activity WHERE starts_with(mentor_id, ?)
                                      GROUP BY mentor_id, activity_type, activity_date HAVING count(*) > 1) twice""",
                prefix);
    }

    /** Mentors whose ids start with {@code prefix} holding an activity. */
    public long mentorsRegistered(String prefix) {
        return count("SELECT count(DISTINCT mentor_id) FROM participation_activity WHERE starts_with(mentor_id, ?)",
                prefix);
    }

    /**
     * Holds back every new activity until closed: an EXCLUSIVE table lock lets readers through but makes the
     * next chunk of any worker, on any instance, wait. Keep it shorter than the lease.
     */
    public AutoCloseable holdWrites() throws SQLException {
        Connection c = connect();
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.execute("LOCK TABLE participation_activity IN EXCLUSIVE MODE");
        }
        return () -> {
            try (c) {
                c.rollback();
            } catch (SQLException e) {
                // the database went away with the lock, which released it just the same
            }
        };
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }
}
