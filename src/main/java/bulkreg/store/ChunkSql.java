package bulkreg.store;

/**
 * The statements of a chunk's transaction. Parameters 1-8 of both passes are the job's constants
 * ({@link PgChunkWriter#run}); the main pass takes the offset before its first position (9) and its mentor
 * ids (10), the retry pass its size (9).
 */
final class ChunkSql {

    private ChunkSql() {
    }

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
     * mentor id order (byte order, as the id columns are collated): a chunk waits on a concurrent job's
     * uncommitted row for the same mentor, and when every chunk takes its mentors in one order, two chunks
     * can never wait on each other (a deadlock).
     *
     * <p>Guarded, a mentor who already has the activity is left out by a plain anti-join before the insert;
     * that is a third cheaper than a speculative insert ({@code ON CONFLICT DO NOTHING}), which PostgreSQL
     * prepares for every row. The guard cannot see a concurrent job's row committed after the statement
     * began: then the insert fails on the unique index, the transaction rolls back, and the chunk is written
     * again speculatively ({@link PgChunkWriter#repeat}).
     */
    private static String inserts(boolean guarded) {
        var skipExisting = guarded ? """
                WHERE NOT EXISTS (SELECT 1 FROM participation_activity p
                                  WHERE p.mentor_id = c.mentor_id AND p.activity_type = job.activity_type
                                    AND p.activity_date = job.activity_date AND p.first_of_kind)
                ORDER BY c.mentor_id COLLATE "C"
                """ : """
                ORDER BY c.mentor_id COLLATE "C"
                ON CONFLICT (mentor_id, activity_type, activity_date) WHERE first_of_kind DO NOTHING
                """;
        return """
                first AS (
                    INSERT INTO participation_activity (mentor_id, activity_type, activity_date, duration_minutes,
                                                        notes, job_id, first_of_kind)
                    SELECT c.mentor_id, job.activity_type, job.activity_date, job.duration_minutes, job.notes,
                           job.job_id, true
                    FROM chunk c CROSS JOIN job
                    %s
                    RETURNING mentor_id),
                extra AS (
                    INSERT INTO participation_activity (mentor_id, activity_type, activity_date, duration_minutes,
                                                        notes, job_id, first_of_kind)
                    SELECT c.mentor_id, job.activity_type, job.activity_date, job.duration_minutes, job.notes,
                           job.job_id, false
                    FROM chunk c CROSS JOIN job
                    WHERE job.override_duplicates AND NOT EXISTS (SELECT 1 FROM first f WHERE f.mentor_id = c.mentor_id)
                    RETURNING mentor_id),
                """.formatted(skipExisting);
    }

    private static String buildMainPass(boolean guarded) {
        return JOB_CONSTANTS + """
                chunk AS (
                    SELECT u.mentor_id, (u.ord + ?)::integer AS position
                    FROM unnest(?::text[]) WITH ORDINALITY AS u(mentor_id, ord)),
                """ + inserts(guarded) + """
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
    }

    private static final String MAIN_PASS_GUARDED = buildMainPass(true);
    private static final String MAIN_PASS_SPECULATIVE = buildMainPass(false);

    static String mainPass(boolean guarded) {
        return guarded ? MAIN_PASS_GUARDED : MAIN_PASS_SPECULATIVE;
    }

    /** Retries are rare and small: always speculative. */
    static final String RETRY_PASS = JOB_CONSTANTS + """
            chunk AS (
                SELECT f.mentor_id, f.position FROM bulk_failure f
                WHERE f.job_id = (SELECT job_id FROM job) AND f.retry_pending
                ORDER BY f.position LIMIT ?),
            """ + inserts(false) + """
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
    static final String ADVANCE = """
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
}
