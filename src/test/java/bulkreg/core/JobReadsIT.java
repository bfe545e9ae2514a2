package bulkreg.core;

import bulkreg.app.Settings;
import bulkreg.grpc.v1.GetBulkRegistrationRequest;
import bulkreg.grpc.v1.ItemStatus;
import bulkreg.grpc.v1.ListResultsRequest;
import bulkreg.grpc.v1.MentorResult;
import bulkreg.support.Api;
import bulkreg.support.GraphQlClient;
import bulkreg.support.GrpcClient;
import bulkreg.support.Requests;
import bulkreg.support.StreamRecorder;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finished jobs are read from memory by every front (JobReads): GraphQL's job and result pages and gRPC's Get
 * and ListResults must answer exactly what the database answers, page by page and filter by filter, and
 * show a change at once. The reference is a second instance on the same database with the read cache off.
 */
class JobReadsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PAGE = """
            query($id: ID!, $status: MentorResultStatus, $first: Int, $after: String) {
              bulkRegistration(id: $id) {
                id status successCount failureCount retryCount
                results(status: $status, first: $first, after: $after) {
                  totalCount pageInfo { hasNextPage endCursor }
                  edges { cursor node { position mentorId status activityId error { code message } } }
                }
              }
            }""";

    private static TestApp cached;
    private static TestApp uncached;
    private static String jobId;

    @BeforeAll
    static void start() {
        var database = TestDatabase.fresh();
        cached = TestApp.start(database, 100);
        uncached = TestApp.start(withoutReadCache(TestApp.settings(database, 100)), database);
        jobId = finishedJobWithEveryFifthMentorADuplicate(cached.api(), "pages", 250);
    }

    @AfterAll
    static void stop() {
        uncached.close();
        cached.close();
    }

    @Test
    void everyGraphQlPageOfAFinishedJobIsTheDatabasesAndIsReadFromMemory() {
        for (var status : new String[] {null, "SUCCESS", "FAILED", "PENDING"}) {
            for (int first : new int[] {1, 37, 100, 1000}) {
                assertEquals(pages(uncached, status, first), pages(cached, status, first), status + " by " + first);
            }
        }
        long before = cached.sqlStatements();
        var again = pages(cached, "FAILED", 37);
        assertEquals(0, cached.sqlStatements() - before, "statements for a finished job read before");
        assertEquals(50, again.getFirst().path("bulkRegistration").path("results").path("totalCount").asInt());
    }

    @Test
    void aCursorAtTheLastPossiblePositionGivesAnEmptyPageFromMemoryAndFromTheDatabase() {
        var end = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("position:2147483647".getBytes(StandardCharsets.UTF_8));
        for (var app : List.of(cached, uncached)) {
            var results = page(new GraphQlClient(app.port()), jobId, null, 2, end).path("results");
            assertEquals(0, results.path("edges").size(), results.toString());
            assertFalse(results.path("pageInfo").path("hasNextPage").asBoolean(), results.toString());
        }
    }

    @Test
    void everyGrpcReadOfAFinishedJobIsTheDatabasesAndIsReadFromMemory() throws Exception {
        try (var fromMemory = GrpcClient.to(cached); var fromDatabase = GrpcClient.to(uncached)) {
            var get = GetBulkRegistrationRequest.newBuilder().setId(jobId).build();
            assertEquals(fromDatabase.blocking().getBulkRegistration(get),
                    fromMemory.blocking().getBulkRegistration(get));
            for (var status : ItemStatus.values()) {
                if (status != ItemStatus.UNRECOGNIZED) {
                    assertEquals(list(fromDatabase, status), list(fromMemory, status), status.toString());
                }
            }
            long before = cached.sqlStatements();
            fromMemory.blocking().getBulkRegistration(get);
            assertEquals(200, list(fromMemory, ItemStatus.ITEM_STATUS_SUCCESS).size());
            assertEquals(0, cached.sqlStatements() - before, "statements for a finished job read before");
        }
    }

    @Test
    void aRetryShowsAtOnceInTheReadsOfEveryFront() throws Exception {
        var id = finishedJobWithEveryFifthMentorADuplicate(cached.api(), "retried", 10);
        var graphQl = new GraphQlClient(cached.port());
        try (var grpc = GrpcClient.to(cached)) {
            var get = GetBulkRegistrationRequest.newBuilder().setId(id).build();
            assertEquals(2, grpc.blocking().getBulkRegistration(get).getFailureCount());
            assertEquals(2, page(graphQl, id, "FAILED", 10, null).path("results").path("totalCount").asInt());

            assertEquals(200, cached.api().put(Api.BASE + "/" + id, Requests.retryFailed(true)).status());

            assertEquals(1, grpc.blocking().getBulkRegistration(get).getRetryCount());
            assertEquals(1, page(graphQl, id, null, 10, null).path("retryCount").asInt());
            cached.api().awaitStatus(id, "completed");
            assertEquals(0, page(graphQl, id, "FAILED", 10, null).path("results").path("totalCount").asInt());
            assertEquals(List.of(), list(grpc, id, ItemStatus.ITEM_STATUS_FAILED));
            assertEquals(10, list(grpc, id, ItemStatus.ITEM_STATUS_SUCCESS).size());
        }
    }

    /** Every page of the job's results, following the cursors from the start. */
    private static List<JsonNode> pages(TestApp app, String status, int first) {
        var client = new GraphQlClient(app.port());
        var pages = new ArrayList<JsonNode>();
        String after = null;
        do {
            var data = client.query(PAGE, variables(jobId, status, first, after)).path("data");
            pages.add(data);
            var info = data.path("bulkRegistration").path("results").path("pageInfo");
            after = info.path("hasNextPage").asBoolean() ? info.path("endCursor").asText() : null;
            assertTrue(pages.size() <= 251, "the cursors end");
        } while (after != null);
        return pages;
    }

    private static JsonNode page(GraphQlClient client, String id, String status, int first, String after) {
        var data = client.query(PAGE, variables(id, status, first, after));
        assertTrue(data.path("errors").isMissingNode(), data.toString());
        return data.path("data").path("bulkRegistration");
    }

    private static Map<String, Object> variables(String id, String status, int first, String after) {
        var variables = new HashMap<String, Object>();
        variables.put("id", id);
        variables.put("first", first);
        Stream.of(Map.entry("status", status == null ? "" : status), Map.entry("after", after == null ? "" : after))
                .filter(e -> !e.getValue().isEmpty()).forEach(e -> variables.put(e.getKey(), e.getValue()));
        return variables;
    }

    private static List<MentorResult> list(GrpcClient client, ItemStatus status) throws Exception {
        return list(client, jobId, status);
    }

    private static List<MentorResult> list(GrpcClient client, String id, ItemStatus status) throws Exception {
        var results = StreamRecorder.<ListResultsRequest, MentorResult>reading();
        client.async().listResults(ListResultsRequest.newBuilder().setId(id).setStatus(status).build(), results);
        return results.awaitCompletion(TIMEOUT);
    }

    /** A completed job of {@code count} mentors, every fifth of whom an earlier job had registered. */
    private static String finishedJobWithEveryFifthMentorADuplicate(Api api, String prefix, int count) {
        var mentors = Requests.mentors(prefix, count);
        var taken = IntStream.range(0, count).filter(i -> i % 5 == 2).mapToObj(mentors::get).toList();
        api.awaitStatus(api.post(Api.BASE, Requests.workshopFor(taken)).json().get("id").asText(), "completed");
        var id = api.post(Api.BASE, Requests.workshopFor(mentors)).json().get("id").asText();
        var job = api.awaitStatus(id, "completed");
        assertEquals(count / 5, job.get("failure_count").asInt(), job.toString());
        return id;
    }

    private static Settings withoutReadCache(Settings d) {
        return new Settings(d.host(), d.port(), d.grpcPort(), d.database(), d.limits(), 0, d.chunkSize(),
                d.parallelChunks(), d.lease(), d.pollInterval(), d.maxAttempts(), d.eventRetention(), 0, false,
                d.graphql());
    }
}
