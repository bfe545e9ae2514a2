package bulkreg.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Figure 3, GraphQL: the read of figure 2 as {@code POST /graphql}, a query selecting the fields of the REST
 * detail, the job's 100 results included, at the same concurrency.
 */
final class GraphQlRead {

    /** The REST detail's fields, in GraphQL's names; results is a connection of the first 100. */
    static final String QUERY = """
            query($id: ID!) { bulkRegistration(id: $id) { id coordinatorId activityType activityDate \
            durationMinutes notes overrideDuplicates mentorIds mentorCount status successCount failureCount \
            retryCount results(first: 100) { edges { node { mentorId activityId status error { code message } } } } \
            createdAt updatedAt completedAt } }""";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    GraphQlRead(int port) {
        this.port = port;
    }

    Stats measure(String jobId, Duration warmUp, Duration measure) throws Exception {
        var body = """
                {"query":"%s","variables":{"id":"%s"}}""".formatted(QUERY, jobId);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        check(client.send(request, HttpResponse.BodyHandlers.ofString()));
        return LoadGenerator.run(RestRead.CONCURRENCY, warmUp, measure,
                () -> RawHttpConnection.postJson(port, "/graphql", body), connection -> connection.send() == 200);
    }

    /** Once before the load: the answer must be the whole job, so that the load reads what REST reads. */
    private static void check(HttpResponse<String> answer) {
        var text = answer.body();
        int results = text.split("\"mentorId\"", -1).length - 1;
        if (answer.statusCode() != 200 || text.contains("\"errors\"") || results != 100) {
            throw new IllegalStateException("GraphQL read answered " + answer.statusCode() + " with " + results
                    + " results: " + text.substring(0, Math.min(500, text.length())));
        }
    }
}
