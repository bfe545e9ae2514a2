package bulkreg.bench;

import org.postgresql.PGConnection;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Figure 1: how fast a job of N mentors goes from POST to its final status, beside the floor PostgreSQL sets:
 * a raw COPY of the same activity rows into a scratch table of the same shape (its indexes included).
 */
final class BulkThroughput {

    /** One job size: the medians of the service and of the COPY floor, in milliseconds. */
    record Result(int mentors, double jobMillis, double copyMillis) {

        double mentorsPerSecond() {
            return mentors / (jobMillis / 1000);
        }

        double ratio() {
            return jobMillis / copyMillis;
        }
    }

    private static final String NOTES = "Spring semester kick-off workshop";

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;
    private final String databaseUrl;
    private int run;

    BulkThroughput(int port, String databaseUrl) {
        this.port = port;
        this.databaseUrl = databaseUrl;
    }

    Result measure(int mentors, int repeats) throws Exception {
        job(mentors); // warm-up
        copy(mentors);
        var jobs = new ArrayList<Double>();
        var copies = new ArrayList<Double>();
        for (int i = 0; i < repeats; i++) {
            jobs.add(job(mentors));
            copies.add(copy(mentors));
        }
        return new Result(mentors, median(jobs), median(copies));
    }

    /** Milliseconds from sending the POST to seeing the job completed. */
    private double job(int mentors) throws Exception {
        var coordinator = "bench-" + (++run);
        var ids = IntStream.range(0, mentors).mapToObj(i -> "m" + run + "-" + i)
                .map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        var body = """
                {"coordinator_id":"%s","mentor_ids":[%s],"activity_type":"group_workshop",
                 "activity_date":"2026-03-28","duration_minutes":120,"notes":"%s"}"""
                .formatted(coordinator, ids, NOTES);
        var poll = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/bulk-registrations?limit=1&status=completed&coordinator_id=" + coordinator)).build();
        long start = System.nanoTime();
        var created = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/bulk-registrations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + created.statusCode() + ": " + created.body());
        }
        while (!client.send(poll, HttpResponse.BodyHandlers.ofString()).body().contains("\"total\":1")) {
            Thread.sleep(2);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Milliseconds to COPY the same rows into a fresh table shaped like participation_activity. */
    private double copy(int mentors) throws Exception {
        var rows = new StringBuilder();
        for (int i = 0; i < mentors; i++) {
            rows.append("c").append(run).append('-').append(i)
                    .append("\tgroup_workshop\t2026-03-28\t120\t").append(NOTES).append("\t1\tt\n");
        }
        try (var c = DriverManager.getConnection(databaseUrl, "postgres", "postgres")) {
            try (var st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS bench_scratch");
                st.execute("CREATE TABLE bench_scratch (LIKE participation_activity INCLUDING ALL)");
            }
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY bench_scratch (mentor_id, activity_type, activity_date, duration_minutes, notes, job_id,
                                        first_of_kind) FROM STDIN""", new StringReader(rows.toString()));
            return (System.nanoTime() - start) / 1e6;
        }
    }

    static double median(List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
