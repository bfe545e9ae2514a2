package bulkreg.graphql;

import bulkreg.support.GraphQlClient;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every query and mutation over real HTTP against PostgreSQL: the happy paths and the core's errors. */
class GraphQlQueriesIT {

    private static TestApp app;
    private static GraphQlClient graphQl;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        graphQl = new GraphQlClient(app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anIdempotencyKeyMakesCreateSafeToRepeatAndRefusesADifferentInput() {
        var key = java.util.UUID.randomUUID().toString();
        var input = Documents.workshop("coord-idem", Requests.mentors("gq-idem", 3));
        input.put("idempotencyKey", key);
        var first = create(input);
        var again = create(input);
        assertEquals(first.path("id").asText(), again.path("id").asText());

        var different = Documents.workshop("coord-idem", Requests.mentors("gq-idem", 4));
        different.put("idempotencyKey", key);
        var answer = graphQl.query(Documents.CREATE, Documents.input(different));
        assertTrue(answer.path("data").path("createBulkRegistration").isNull(), answer.toString());
        assertEquals("IDEMPOTENCY_KEY_REUSED",
                answer.path("errors").path(0).path("extensions").path("code").asText(), answer.toString());
    }

    @Test
    void aCreatedJobIsReadBackWithEveryFieldItsProgressAndPagedResults() {
        var created = create(Documents.workshop("coord-q", Requests.mentors("q", 4)));
        assertEquals("PROCESSING", created.path("status").asText());
        assertEquals(4, created.path("mentorCount").asInt());
        var id = created.path("id").asText();

        var job = awaitJob(id, j -> j.path("status").asText().equals("COMPLETED"), Map.of("first", 3));
        assertEquals("coord-q", job.path("coordinatorId").asText());
        assertEquals("group_workshop", job.path("activityType").asText());
        assertEquals("2026-03-28", job.path("activityDate").asText());
        assertEquals(120, job.path("durationMinutes").asInt());
        assertEquals("Spring semester kick-off workshop", job.path("notes").asText());
        assertFalse(job.path("overrideDuplicates").asBoolean());
        assertEquals(List.of("q-1", "q-2", "q-3", "q-4"), texts(job.path("mentorIds")));
        assertEquals(4, job.path("successCount").asInt());
        assertEquals(0, job.path("retryCount").asInt());
        assertTrue(job.path("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertTrue(job.path("completedAt").asText().endsWith("Z"));
        assertEquals(4, job.path("progress").path("processed").asInt());
        assertEquals(4, job.path("progress").path("total").asInt());
        assertEquals(100.0, job.path("progress").path("percent").asDouble());

        var results = job.path("results");
        assertEquals(4, results.path("totalCount").asInt());
        assertTrue(results.path("pageInfo").path("hasNextPage").asBoolean());
        assertFalse(results.path("pageInfo").path("hasPreviousPage").asBoolean());
        assertEquals(List.of("q-1", "q-2", "q-3"), results.path("edges").findValuesAsText("mentorId"));
        var first = results.path("edges").path(0).path("node");
        assertEquals("SUCCESS", first.path("status").asText());
        assertTrue(first.path("activityId").asText().startsWith("pa-"));
        assertTrue(first.path("error").isNull());

        var rest = job(id, Map.of("first", 3, "after", results.path("pageInfo").path("endCursor").asText()))
                .path("results");
        assertEquals(List.of("q-4"), rest.path("edges").findValuesAsText("mentorId"));
        assertFalse(rest.path("pageInfo").path("hasNextPage").asBoolean());
        assertTrue(rest.path("pageInfo").path("hasPreviousPage").asBoolean());

        var activity = graphQl.query("""
                query($id: ID!) { participationActivity(id: $id) {
                  id mentorId activityType activityDate durationMinutes notes bulkRegistrationId createdAt } }""",
                Map.of("id", first.path("activityId").asText())).path("data").path("participationActivity");
        assertEquals("q-1", activity.path("mentorId").asText());
        assertEquals(id, activity.path("bulkRegistrationId").asText());
        assertEquals("2026-03-28", activity.path("activityDate").asText());
    }

    @Test
    void invalidInputComesBackAsUserErrorsWithTheCoreRulesAndWordsInCamelCase() {
        var input = Documents.workshop("coord-bad", List.of("m-1", "bad id!", "m-1"));
        input.put("activityDate", "2026-02-30");
        input.put("durationMinutes", 0);
        var response = graphQl.post(Documents.CREATE, Documents.input(input));

        assertEquals(200, response.status());
        var payload = response.data().path("createBulkRegistration");
        assertTrue(payload.path("bulkRegistration").isNull());
        var errors = payload.path("userErrors");
        assertEquals(List.of("mentorIds[1]", "mentorIds[2]", "activityDate", "durationMinutes"),
                errors.findValuesAsText("field"));
        assertEquals(List.of("INVALID_FORMAT", "DUPLICATE", "INVALID_FORMAT", "OUT_OF_RANGE"),
                errors.findValuesAsText("code"));
        assertEquals("repeats mentorIds[0] (m-1); list each mentor once", errors.path(1).path("message").asText());
        assertEquals("must be a real calendar date in the form YYYY-MM-DD (got '2026-02-30')",
                errors.path(2).path("message").asText());
        assertEquals("must be between 1 and 1440 minutes", errors.path(3).path("message").asText());
    }

    @Test
    void anUnknownIdIsANullResultWithANotFoundError() {
        for (var document : List.of(
                "{ bulkRegistration(id: \"bulk-999999\") { id } }",
                "{ bulkRegistration(id: \"not-an-id\") { id } }",
                "{ participationActivity(id: \"pa-999999\") { id } }",
                "mutation { retryFailedRegistrations(id: \"bulk-999999\") { bulkRegistration { id } } }",
                "mutation { cancelBulkRegistration(id: \"bulk-999999\") { bulkRegistration { id } } }",
                "mutation { deleteBulkRegistration(id: \"bulk-999999\") { deletedId } }")) {
            var response = graphQl.post(document, Map.of());
            assertEquals(200, response.status(), document);
            var data = response.data();
            assertTrue(data.elements().next().isNull(), document);
            assertEquals("NOT_FOUND", response.firstError().path("extensions").path("code").asText(), document);
            assertTrue(response.firstError().path("message").asText().startsWith("No "), document);
        }
    }

    @Test
    void listingPagesNewestFirstWithTotalsFiltersAndCursors() {
        var ids = new java.util.ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(Documents.workshop("coord-list", List.of("list-" + i))).path("id").asText());
        }
        var document = """
                query($after: String) { bulkRegistrations(filter: {coordinatorId: "coord-list"}, first: 2, after: $after) {
                  totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id mentorIds } } } }""";
        var first = graphQl.query(document, new HashMap<>()).path("data").path("bulkRegistrations");
        assertEquals(3, first.path("totalCount").asInt());
        assertEquals(List.of(ids.get(2), ids.get(1)), first.path("edges").findValuesAsText("id"));
        assertEquals(List.of("list-2"), texts(first.path("edges").path(0).path("node").path("mentorIds")));
        assertTrue(first.path("pageInfo").path("hasNextPage").asBoolean());

        var next = graphQl.query(document, Map.of("after", first.path("pageInfo").path("endCursor").asText()))
                .path("data").path("bulkRegistrations");
        assertEquals(List.of(ids.get(0)), next.path("edges").findValuesAsText("id"));
        assertFalse(next.path("pageInfo").path("hasNextPage").asBoolean());
        assertTrue(next.path("pageInfo").path("hasPreviousPage").asBoolean());

        var none = graphQl.query("{ bulkRegistrations(filter: {coordinatorId: \"coord-list\", status: CANCELLED}) "
                + "{ totalCount edges { cursor } pageInfo { endCursor } } }", Map.of()).path("data")
                .path("bulkRegistrations");
        assertEquals(0, none.path("totalCount").asInt());
        assertTrue(none.path("pageInfo").path("endCursor").isNull());
    }

    @Test
    void listingArgumentsThatBreakARuleAreInvalidInputNamingTheGraphQlArgument() {
        var tooMany = graphQl.post("{ bulkRegistrations(first: 101) { totalCount } }", Map.of());
        assertEquals(200, tooMany.status());
        assertTrue(tooMany.data().path("bulkRegistrations").isNull());
        var extensions = tooMany.firstError().path("extensions");
        assertEquals("INVALID_INPUT", extensions.path("code").asText());
        assertEquals("first", extensions.path("fieldErrors").path(0).path("field").asText());
        assertEquals("first must be between 1 and 100", tooMany.firstError().path("message").asText());

        var badCursor = graphQl.post("{ bulkRegistrations(after: \"nonsense\") { totalCount } }", Map.of());
        assertEquals("after", badCursor.firstError().path("extensions").path("fieldErrors").path(0).path("field")
                .asText());
        var badFilter = graphQl.post("{ bulkRegistrations(filter: {activityType: \"Bad Type\"}) { totalCount } }",
                Map.of());
        assertEquals("activityType", badFilter.firstError().path("extensions").path("fieldErrors").path(0)
                .path("field").asText());
    }

    @Test
    void failedMentorsAreRetriedWithTheOverrideAndConflictsAreReported() {
        var mentors = Requests.mentors("dup", 3);
        var original = create(Documents.workshop("coord-retry", mentors)).path("id").asText();
        awaitJob(original, j -> j.path("status").asText().equals("COMPLETED"), Map.of());
        var duplicate = create(Documents.workshop("coord-retry", mentors)).path("id").asText();
        var failed = awaitJob(duplicate, j -> j.path("status").asText().equals("COMPLETED"),
                Map.of("status", "FAILED"));
        assertEquals(3, failed.path("failureCount").asInt());
        assertEquals(3, failed.path("results").path("totalCount").asInt());
        assertEquals("DUPLICATE_ACTIVITY", failed.path("results").path("edges").path(0).path("node").path("error")
                .path("code").asText());

        var nothingToRetry = graphQl.post("mutation($id: ID!) { retryFailedRegistrations(id: $id) "
                + "{ bulkRegistration { id } userErrors { field } } }", Map.of("id", original));
        assertTrue(nothingToRetry.data().path("retryFailedRegistrations").isNull());
        assertEquals("CONFLICT", nothingToRetry.firstError().path("extensions").path("code").asText());

        var retried = graphQl.query("mutation($id: ID!) { retryFailedRegistrations(id: $id, overrideDuplicates: true) "
                + "{ bulkRegistration { status retryCount overrideDuplicates } userErrors { field } } }",
                Map.of("id", duplicate)).path("data").path("retryFailedRegistrations");
        assertEquals("PROCESSING", retried.path("bulkRegistration").path("status").asText());
        assertEquals(1, retried.path("bulkRegistration").path("retryCount").asInt());
        assertTrue(retried.path("bulkRegistration").path("overrideDuplicates").asBoolean());
        var done = awaitJob(duplicate, j -> j.path("status").asText().equals("COMPLETED"), Map.of());
        assertEquals(3, done.path("successCount").asInt());
    }

    @Test
    void aProcessingJobIsCancelledThenDeletedAndEachWrongStepIsAConflict() {
        var id = create(Documents.workshop("coord-cancel", Requests.mentors("cancel", 10_000))).path("id").asText();
        var deleteTooEarly = graphQl.post("mutation($id: ID!) { deleteBulkRegistration(id: $id) { deletedId } }",
                Map.of("id", id));
        assertEquals("CONFLICT", deleteTooEarly.firstError().path("extensions").path("code").asText());

        var cancelled = graphQl.query("mutation($id: ID!) { cancelBulkRegistration(id: $id) "
                + "{ bulkRegistration { status completedAt } userErrors { field } } }", Map.of("id", id))
                .path("data").path("cancelBulkRegistration").path("bulkRegistration");
        assertEquals("CANCELLED", cancelled.path("status").asText());
        var again = graphQl.post("mutation($id: ID!) { cancelBulkRegistration(id: $id) { bulkRegistration { id } } }",
                Map.of("id", id));
        assertEquals("CONFLICT", again.firstError().path("extensions").path("code").asText());

        var deleted = graphQl.query("mutation($id: ID!) { deleteBulkRegistration(id: $id) { deletedId userErrors { field } } }",
                Map.of("id", id)).path("data").path("deleteBulkRegistration");
        assertEquals(id, deleted.path("deletedId").asText());
        var gone = graphQl.post("query($id: ID!) { bulkRegistration(id: $id) { id } }", Map.of("id", id));
        assertEquals("NOT_FOUND", gone.firstError().path("extensions").path("code").asText());
    }

    private static JsonNode create(Map<String, Object> input) {
        var payload = graphQl.query(Documents.CREATE, Documents.input(input)).path("data")
                .path("createBulkRegistration");
        assertEquals(0, payload.path("userErrors").size(), payload.toString());
        return payload.path("bulkRegistration");
    }

    private static JsonNode job(String id, Map<String, Object> arguments) {
        var variables = new HashMap<String, Object>(arguments);
        variables.put("id", id);
        var response = graphQl.query(Documents.JOB, variables);
        assertTrue(response.path("errors").isMissingNode(), response.toString());
        return response.path("data").path("bulkRegistration");
    }

    private static JsonNode awaitJob(String id, Predicate<JsonNode> condition, Map<String, Object> arguments) {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            var job = job(id, arguments);
            if (condition.test(job)) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + id + " did not get there; last seen " + job);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        var list = new java.util.ArrayList<String>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
