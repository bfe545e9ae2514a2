package bulkreg.store;

import io.helidon.dbclient.DbClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes job events older than the retention time, oldest first, and records the highest sequence deleted
 * (which {@link PgJobEventLog} checks resumes against). Thread-safe; safe to run on several instances at
 * once.
 */
public final class PgJobEventRetention {

    /*
     * The deleted events are always a prefix of the log: everything up to the newest event older than the
     * cutoff. (Deleting by time alone could leave an older sequence behind a deleted newer one, since
     * occurred_at is the transaction's start and sequence numbers follow commit order.)
     */
    private static final String PURGE = """
            WITH horizon AS (
                SELECT max(seq) AS seq FROM job_event WHERE occurred_at < ?
            ), gone AS (
                DELETE FROM job_event WHERE seq <= (SELECT seq FROM horizon) RETURNING seq
            )
            UPDATE job_event_purged SET through_seq = greatest(through_seq, (SELECT max(seq) FROM gone))
            RETURNING (SELECT count(*) FROM gone) AS deleted""";

    private final DbClient db;

    public PgJobEventRetention(DbClient db) {
        this.db = db;
    }

    /** Deletes the events that occurred more than {@code retention} before {@code now}; returns how many. */
    public long purge(Duration retention, Instant now) {
        var cutoff = now.minus(retention);
        return PgErrors.call(() -> db.execute().get(PURGE, Timestamp.from(cutoff))
                .map(row -> ((Number) JobRows.raw(row, "deleted")).longValue()).orElse(0L));
    }
}
