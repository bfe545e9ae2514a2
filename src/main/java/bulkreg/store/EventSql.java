package bulkreg.store;

/** The one way store statements append to the job-event log: as the last CTE of the change itself. */
final class EventSql {

    private EventSql() {
    }

    /**
     * A CTE named {@code event} that logs one event per row of {@code source} (a CTE returning bulk_job rows).
     *
     * @param kind    an SQL expression for the event kind
     * @param changed SQL expressions for changed_from, changed_to and changed_positions
     */
    static String append(String source, String kind, String changed) {
        return """
                event AS (
                    INSERT INTO job_event (job_id, coordinator_id, kind, status, success_count, failure_count,
                                           mentor_count, changed_from, changed_to, changed_positions)
                    SELECT s.id, s.coordinator_id, %s, s.status, s.success_count, s.failure_count, s.mentor_count,
                           %s
                    FROM %s s)
                """.formatted(kind, changed, source);
    }

    /** An event that changed no item. */
    static String append(String source, String kind) {
        return append(source, kind, "NULL::integer, NULL::integer, NULL::integer[]");
    }
}
