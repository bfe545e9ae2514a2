package bulkreg.store;

import bulkreg.core.JobEvent;
import bulkreg.core.JobEventKind;
import bulkreg.core.JobEventLog;
import bulkreg.core.JobId;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** The job_event table, read in sequence order. Thread-safe. */
public final class PgJobEventLog implements JobEventLog {

    static final String COLUMNS = """
            seq, job_id, coordinator_id, kind, status, success_count, failure_count, mentor_count,
            changed_from, changed_to, changed_positions, occurred_at""";

    private final DbClient db;

    public PgJobEventLog(DbClient db) {
        this.db = db;
    }

    /*
     * The events and the purge mark come from one statement, so from one snapshot: a purge committed before it
     * shows in the mark, and one committed after it deleted nothing this read returned. (One round trip, too:
     * the event feed makes this read after every notification, on the way from a commit to its subscribers.)
     */
    @Override
    public List<JobEvent> after(long afterSequence, int limit) {
        var rows = PgErrors.call(() -> db.execute().query("""
                        SELECT p.through_seq AS purged_through, e.*
                        FROM job_event_purged p
                        LEFT JOIN LATERAL (SELECT %s FROM job_event WHERE seq > ? ORDER BY seq LIMIT ?) e ON true
                        ORDER BY e.seq""".formatted(COLUMNS), afterSequence, limit)
                .toList());
        long purged = rows.isEmpty() ? 0 : ((Number) JobRows.raw(rows.getFirst(), "purged_through")).longValue();
        if (afterSequence < purged) {
            throw JobEventLog.expired(afterSequence, purged);
        }
        return rows.stream().filter(row -> JobRows.raw(row, "seq") != null).map(PgJobEventLog::event).toList();
    }

    @Override
    public long purgedThrough() {
        return PgErrors.call(() -> db.execute().get("SELECT through_seq FROM job_event_purged")
                .map(row -> ((Number) JobRows.raw(row, "through_seq")).longValue()).orElse(0L));
    }

    @Override
    public long latestSequence() {
        return PgErrors.call(() -> db.execute().get("SELECT coalesce(max(seq), 0) AS latest FROM job_event")
                .map(row -> ((Number) JobRows.raw(row, "latest")).longValue()).orElse(0L));
    }

    static JobEvent event(DbRow row) {
        var kind = JobRows.text(row, "kind");
        var status = JobRows.status(row);
        return new JobEvent(((Number) JobRows.raw(row, "seq")).longValue(),
                new JobId(((Number) JobRows.raw(row, "job_id")).longValue()), JobRows.text(row, "coordinator_id"),
                JobEventKind.fromWire(kind).orElseThrow(() -> new IllegalStateException("unknown kind " + kind)),
                status, JobRows.integer(row, "success_count"), JobRows.integer(row, "failure_count"),
                JobRows.integer(row, "mentor_count"), changed(row), JobRows.instant(row, "occurred_at"));
    }

    private static List<Integer> changed(DbRow row) {
        var positions = JobRows.raw(row, "changed_positions");
        if (positions instanceof Array array) {
            try {
                return Arrays.asList((Integer[]) array.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read changed_positions: " + e.getMessage(), e);
            }
        }
        var from = (Number) JobRows.raw(row, "changed_from");
        var to = (Number) JobRows.raw(row, "changed_to");
        if (from == null || to == null) {
            return List.of();
        }
        return IntStream.range(from.intValue(), to.intValue()).boxed().toList();
    }
}
