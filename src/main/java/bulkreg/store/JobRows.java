package bulkreg.store;

import bulkreg.core.Job;
import bulkreg.core.JobId;
import bulkreg.core.JobStatus;
import bulkreg.core.JobSummary;
import io.helidon.dbclient.DbRow;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Maps bulk_job rows to the core's records. */
final class JobRows {

    /** The columns {@link #job} reads. */
    static final String JOB_COLUMNS = """
            id, coordinator_id, activity_type, activity_date::text AS activity_date, duration_minutes, notes,
            override_duplicates,
            mentor_ids, status, success_count, failure_count, retry_count, created_at, updated_at, completed_at""";

    /** The columns {@link #job(DbRow, List)} reads: those of {@link #job(DbRow)} but the mentor array. */
    static final String JOB_COLUMNS_BUT_MENTORS = """
            id, coordinator_id, activity_type, activity_date::text AS activity_date, duration_minutes, notes,
            override_duplicates, status, success_count, failure_count, retry_count, created_at, updated_at,
            completed_at""";

    /** The columns {@link #summary} reads. */
    static final String SUMMARY_COLUMNS = """
            id, coordinator_id, activity_type, activity_date::text AS activity_date, duration_minutes, mentor_count,
            status,
            success_count, failure_count, retry_count, created_at, updated_at, completed_at""";

    private JobRows() {
    }

    static Job job(DbRow row) {
        return job(row, strings(raw(row, "mentor_ids")));
    }

    /** A job whose mentor ids the caller already holds (reading 10,000 of them back would cost milliseconds). */
    static Job job(DbRow row, List<String> mentorIds) {
        return new Job(new JobId(((Number) raw(row, "id")).longValue()), text(row, "coordinator_id"),
                text(row, "activity_type"), date(row, "activity_date"), integer(row, "duration_minutes"),
                Optional.ofNullable(text(row, "notes")), (Boolean) raw(row, "override_duplicates"),
                mentorIds, status(row), integer(row, "success_count"),
                integer(row, "failure_count"), integer(row, "retry_count"), instant(row, "created_at"),
                instant(row, "updated_at"), Optional.ofNullable(instant(row, "completed_at")));
    }

    static JobSummary summary(DbRow row) {
        return new JobSummary(new JobId(((Number) raw(row, "id")).longValue()), text(row, "coordinator_id"),
                text(row, "activity_type"), date(row, "activity_date"), integer(row, "duration_minutes"),
                integer(row, "mentor_count"), status(row), integer(row, "success_count"),
                integer(row, "failure_count"), integer(row, "retry_count"), instant(row, "created_at"),
                instant(row, "updated_at"), Optional.ofNullable(instant(row, "completed_at")));
    }

    static JobStatus status(DbRow row) {
        var value = text(row, "status");
        return JobStatus.fromWire(value).orElseThrow(() -> new IllegalStateException("unknown status " + value));
    }

    static String text(DbRow row, String column) {
        return (String) raw(row, column);
    }

    static int integer(DbRow row, String column) {
        return ((Number) raw(row, column)).intValue();
    }

    /**
     * Dates are selected as text ({@code activity_date::text}): java.sql.Date would shift days across the
     * Julian/Gregorian switch of 1582.
     */
    static LocalDate date(DbRow row, String column) {
        return LocalDate.parse(text(row, column));
    }

    static Instant instant(DbRow row, String column) {
        return switch (raw(row, column)) {
            case null -> null;
            case Timestamp t -> t.toInstant();
            case OffsetDateTime t -> t.toInstant();
            case Instant t -> t;
            case Object o -> throw new IllegalStateException("unexpected timestamp " + o.getClass());
        };
    }

    /** The column's value, null for SQL NULL (DB Client's own get() throws on NULL). */
    static Object raw(DbRow row, String column) {
        return row.column(column).asOptional().orElse(null);
    }

    static List<String> strings(Object sqlArray) {
        try {
            return switch (sqlArray) {
                case Array a -> Arrays.asList((String[]) a.getArray());
                case String[] a -> Arrays.asList(a);
                case Object o -> throw new IllegalStateException("unexpected array " + o.getClass());
            };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read text[]: " + e.getMessage(), e);
        }
    }
}
