package bulkreg.support;

import java.sql.SQLException;

/** How many jobs and activities the database holds, to show that a refused request changed nothing. */
public record RowCounts(long jobs, long activities) {

    public static RowCounts of(TestApp app) {
        try (var c = app.sql(); var st = c.createStatement(); var rs = st.executeQuery("""
                SELECT (SELECT count(*) FROM bulk_job), (SELECT count(*) FROM participation_activity)""")) {
            rs.next();
            return new RowCounts(rs.getLong(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
