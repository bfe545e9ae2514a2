package bulkreg.store;

import bulkreg.core.ActivityId;
import bulkreg.core.ItemError;
import bulkreg.core.ItemStatus;
import bulkreg.core.JobDetail;
import bulkreg.core.JobId;
import bulkreg.core.MentorResult;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads per-mentor results. The item status rule of {@link ItemStatus} is applied here, in SQL, so that
 * results can be filtered and paged by status in the database. The mentors come from job_mentors() rather
 * than unnest(): see migration V5 for why.
 */
final class PgResultReader {

    /**
     * Results of one job ({@code j}, chosen by the {@code %s} condition) from position {@code after} on;
     * callers add WHERE/ORDER/LIMIT.
     */
    private static final String RESULTS_OF = """
            SELECT r.* FROM (
                SELECT (m.ord - 1)::integer AS position, m.mentor_id, a.id AS activity_id,
                       f.error_code, f.error_message,
                       CASE WHEN a.id IS NOT NULL THEN 'success'
                            WHEN f.mentor_id IS NOT NULL AND NOT f.retry_pending THEN 'failed'
                            WHEN j.status = 'cancelled' THEN 'cancelled'
                            ELSE 'pending' END AS status
                FROM bulk_job j
                CROSS JOIN LATERAL job_mentors(j.mentor_ids) AS m
                LEFT JOIN participation_activity a ON a.job_id = j.id AND a.mentor_id = m.mentor_id
                LEFT JOIN bulk_failure f ON f.job_id = j.id AND f.mentor_id = m.mentor_id
                WHERE %s AND j.deleted_at IS NULL AND m.ord > ?) r
            """;
    private static final String RESULTS = RESULTS_OF.formatted("j.id = ?");

    /** The same page for each job of an array, in one statement: one lateral page per job. */
    private static final String RESULTS_OF_JOBS = """
            SELECT k.job_id, p.* FROM unnest(?::bigint[]) AS k(job_id)
            CROSS JOIN LATERAL (%s %%s ORDER BY r.position LIMIT ?) p
            """.formatted(RESULTS_OF.formatted("j.id = k.job_id"));

    private static final String DETAIL = """
            SELECT %s,
                   (SELECT coalesce(json_agg(json_build_array(x.position, x.mentor_id, x.activity_id, x.error_code,
                                                              x.error_message, x.status) ORDER BY x.position),
                                    '[]'::json)
                    FROM (%s) x) AS results
            FROM bulk_job WHERE id = ? AND deleted_at IS NULL""".formatted(JobRows.JOB_COLUMNS, RESULTS);

    /** With one buffer pool: Jackson's default pool is per thread, and every read runs on a new virtual thread. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());

    private final DbClient db;

    PgResultReader(DbClient db) {
        this.db = db;
    }

    /**
     * The job and all its results in one statement, which PostgreSQL runs on one snapshot, so the counts and
     * the results always agree (and one round trip, not the five an explicit REPEATABLE READ read takes).
     * The results travel as one JSON array of {@code [position, mentor, activity, code, message, status]}.
     */
    Optional<JobDetail> read(JobId id) {
        return PgErrors.call(() -> db.execute().get(DETAIL, id.value(), 0, id.value())
                .map(row -> new JobDetail(JobRows.job(row), results(JobRows.raw(row, "results")))));
    }

    private static List<MentorResult> results(Object json) {
        try {
            var rows = JSON.readTree(json.toString());
            var results = new ArrayList<MentorResult>(rows.size());
            for (var r : rows) {
                var status = ItemStatus.fromWire(r.get(5).asText()).orElseThrow();
                var activity = r.get(2).isNull() ? Optional.<ActivityId>empty()
                        : Optional.of(new ActivityId(r.get(2).asLong()));
                var error = status == ItemStatus.FAILED
                        ? Optional.of(new ItemError(r.get(3).asText(), r.get(4).asText()))
                        : Optional.<ItemError>empty();
                results.add(new MentorResult(r.get(0).asInt(), r.get(1).asText(), status, activity, error));
            }
            return results;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable results from PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} results after position {@code after}, optionally of one status, in request order. */
    List<MentorResult> page(JobId id, Optional<ItemStatus> status, int after, int limit) {
        return PgErrors.call(() -> query(db.execute(), id, status, after, limit));
    }

    /** {@link #page} for several jobs in one statement, keyed by job; absent jobs have no entry. */
    Map<JobId, List<MentorResult>> pages(Collection<JobId> ids, Optional<ItemStatus> status, int after, int limit) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var sql = RESULTS_OF_JOBS.formatted(status.isPresent() ? "WHERE r.status = ?" : "");
        var params = new ArrayList<Object>();
        params.add(ids.stream().map(JobId::value).toArray(Long[]::new));
        params.add(after + 1L); // long: a cursor at the last int position must not wrap to the start
        status.ifPresent(s -> params.add(s.wireName()));
        params.add(limit);
        return PgErrors.call(() -> {
            var pages = new LinkedHashMap<JobId, List<MentorResult>>();
            db.execute().query(sql, params.toArray()).forEach(row -> pages
                    .computeIfAbsent(new JobId(((Number) JobRows.raw(row, "job_id")).longValue()),
                            id -> new ArrayList<>())
                    .add(result(row)));
            return pages;
        });
    }

    private static List<MentorResult> query(DbExecute exec, JobId id, Optional<ItemStatus> status, int after,
                                            int limit) {
        var sql = RESULTS + (status.isPresent() ? " WHERE r.status = ?" : "") + " ORDER BY r.position LIMIT ?";
        var params = status.isPresent()
                ? new Object[] {id.value(), after + 1L, status.get().wireName(), limit}
                : new Object[] {id.value(), after + 1L, limit};
        return exec.query(sql, params).map(PgResultReader::result).toList();
    }

    private static MentorResult result(DbRow row) {
        var activity = Optional.ofNullable((Number) JobRows.raw(row, "activity_id"))
                .map(n -> new ActivityId(n.longValue()));
        var code = JobRows.text(row, "error_code");
        var status = ItemStatus.fromWire(JobRows.text(row, "status")).orElseThrow();
        var error = status == ItemStatus.FAILED
                ? Optional.of(new ItemError(code, JobRows.text(row, "error_message")))
                : Optional.<ItemError>empty();
        return new MentorResult(JobRows.integer(row, "position"), JobRows.text(row, "mentor_id"), status, activity,
                error);
    }
}
