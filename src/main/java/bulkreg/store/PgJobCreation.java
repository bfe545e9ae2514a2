package bulkreg.store;

import bulkreg.core.CreateOutcome;
import bulkreg.core.IdempotencyKey;
import bulkreg.core.Job;
import bulkreg.core.Registration;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

import java.time.Duration;
import java.util.Optional;

/** Creating jobs: the job row, its first event, and with an idempotency key that key, in one transaction. */
final class PgJobCreation {

    private final DbClient db;

    PgJobCreation(DbClient db) {
        this.db = db;
    }

    CreateOutcome create(Registration r, Optional<IdempotencyKey> key) {
        if (key.isEmpty()) {
            return new CreateOutcome.Created(PgErrors.call(() -> insert(db.execute(), r)));
        }
        return PgErrors.call(() -> {
            var tx = db.transaction();
            try {
                var outcome = createOnce(tx, r, key.get());
                tx.commit();
                return outcome;
            } catch (RuntimeException e) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        });
    }

    /**
     * The key's transaction lock makes a concurrent repeat wait for nothing: it is told at once that the first
     * is in progress. The key row commits with the job, so a crash leaves either both or neither.
     */
    private static CreateOutcome createOnce(DbTransaction tx, Registration r, IdempotencyKey key) {
        boolean locked = tx.get("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 7460)) AS locked", key.key())
                .map(row -> (Boolean) JobRows.raw(row, "locked")).orElse(false);
        if (!locked) {
            return new CreateOutcome.KeyBusy();
        }
        var earlier = tx.get("SELECT fingerprint, job_id FROM idempotency_key WHERE key = ?", key.key());
        if (earlier.isPresent()) {
            if (!key.fingerprint().equals(JobRows.text(earlier.get(), "fingerprint"))) {
                return new CreateOutcome.KeyReused();
            }
            long jobId = ((Number) JobRows.raw(earlier.get(), "job_id")).longValue();
            var job = tx.get("SELECT %s FROM bulk_job WHERE id = ?".formatted(JobRows.JOB_COLUMNS), jobId)
                    .map(JobRows::job).orElseThrow();
            return new CreateOutcome.Replayed(job.asFirstAnswered());
        }
        var job = insert(tx, r);
        tx.dml("INSERT INTO idempotency_key (key, fingerprint, job_id) VALUES (?, ?, ?)", key.key(),
                key.fingerprint(), job.id().value());
        return new CreateOutcome.Created(job);
    }

    private static Job insert(DbExecute exec, Registration r) {
        return exec.createQuery("""
                        WITH created AS (
                            INSERT INTO bulk_job (coordinator_id, activity_type, activity_date, duration_minutes,
                                                  notes, override_duplicates, mentor_ids, mentor_count, status)
                            VALUES (?, ?, ?::date, ?, ?, ?, ?, ?, 'processing')
                            RETURNING *),
                        %s
                        SELECT %s FROM created""".formatted(EventSql.append("created", "'created'"),
                        JobRows.JOB_COLUMNS_BUT_MENTORS))
                .params(r.coordinatorId(), r.activityType(), r.activityDate().toString(),
                        r.durationMinutes(), r.notes().orElse(null), r.overrideDuplicates(),
                        r.mentorIds().toArray(String[]::new), r.mentorIds().size())
                .execute().map(row -> JobRows.job(row, r.mentorIds())).findFirst().orElseThrow();
    }

    int forgetKeysOlderThan(Duration age) {
        return (int) (long) PgErrors.call(() -> db.execute().delete(
                "DELETE FROM idempotency_key WHERE created_at < now() - ? * interval '1 millisecond'",
                age.toMillis()));
    }
}
