package bulkreg.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Figure 2: GET of one job with 100 results at 64 concurrent connections, beside a bare route of the same
 * server answering a constant body of the same size.
 */
final class RestRead {

    static final int CONCURRENCY = 64;

    record Result(Stats job, Stats bare, int bodyBytes) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    RestRead(int port) {
        this.port = port;
    }

    /** Creates a completed job of 100 mentors and returns its id. */
    String prepareJob() throws Exception {
        var ids = IntStream.range(0, 100).mapToObj(i -> "\"read-" + i + "\"").collect(Collectors.joining(","));
        var body = """
                {"coordinator_id":"bench-read","mentor_ids":[%s],"activity_type":"group_workshop",
                 "activity_date":"2026-03-28","duration_minutes":120,"notes":"bench"}""".formatted(ids);
        var created = client.send(HttpRequest.newBuilder(uri("/api/v1/bulk-registrations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var id = created.replaceAll(".*\"id\":\"(bulk-\\d+)\".*", "$1");
        while (!get("/api/v1/bulk-registrations/" + id).contains("\"status\":\"completed\"")) {
            Thread.sleep(10);
        }
        return id;
    }

    Result measure(String jobId, Duration warmUp, Duration measure) throws Exception {
        var path = "/api/v1/bulk-registrations/" + jobId;
        int size = get(path).getBytes().length;
        var job = measureJob(jobId, warmUp, measure);
        var bare = LoadGenerator.run(CONCURRENCY, warmUp, measure,
                () -> RawHttpConnection.get(port, "/bench/bare/" + size), connection -> connection.send() == 200);
        return new Result(job, bare, size);
    }

    /** The job's read alone. */
    Stats measureJob(String jobId, Duration warmUp, Duration measure) throws Exception {
        var path = "/api/v1/bulk-registrations/" + jobId;
        return LoadGenerator.run(CONCURRENCY, warmUp, measure, () -> RawHttpConnection.get(port, path),
                connection -> connection.send() == 200);
    }

    private String get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
