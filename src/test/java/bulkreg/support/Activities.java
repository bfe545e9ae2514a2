package bulkreg.support;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads the participation_activity rows the service wrote, straight from PostgreSQL. */
public final class Activities {

    private final TestApp app;

    public Activities(TestApp app) {
        this.app = app;
    }

    /** The activities a job created (a deleted job's activities included). */
    public long ofJob(String jobId) {
        return count("SELECT count(*) FROM participation_activity WHERE job_id = ?", jobNumber(jobId));
    }

    /** The activities of mentors whose ids start with {@code prefix}. */
    public long ofMentorsStartingWith(String prefix) {
        return count("SELECT count(*) FROM participation_activity WHERE starts_with(mentor_id, ?)", prefix);
    }

    /** How many different mentors whose ids start with {@code prefix} have an activity. */
    public long mentorsStartingWith(String prefix) {
        return count("SELECT count(DISTINCT mentor_id) FROM participation_activity WHERE starts_with(mentor_id, ?)",
                prefix);
    }

    /** A mentor's activities of one type on one date. */
    public long ofMentor(String mentorId, String activityType, String activityDate) {
        return count("""
                SELECT count(*) FROM participation_activity
                WHERE mentor_id = ? AND activity_type = ? AND activity_date = ?::date""",
                mentorId, activityType, activityDate);
    }

    /**
     * Holds back every new activity until closed: an EXCLUSIVE table lock lets readers through but makes the
     * worker's next chunk wait. Keep it shorter than the lease.
     */
    public AutoCloseable holdWrites() throws SQLException {
        Connection c = app.sql();
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.execute("LOCK TABLE participation_activity IN EXCLUSIVE MODE");
        }
        return () -> {
            try (c) {
                c.rollback();
            }
        };
    }

    public static long jobNumber(String jobId) {
        return Long.parseLong(jobId.substring("bulk-".length()));
    }

    private long count(String sql, Object... params) {
        try (var c = app.sql(); var st = c.prepareStatement(sql)) {
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
}
