package bulkreg.rest;

import bulkreg.support.Api;
import bulkreg.support.Problems;
import bulkreg.support.Requests;
import bulkreg.support.RowCounts;
import bulkreg.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static bulkreg.support.Problems.assertOnlyError;
import static bulkreg.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error status of the REST front over real HTTP: 404, 405, 409, 413, 415 and 400 outside the body rules. */
class ErrorStatusIT {

    private static final List<String> BASES = List.of(Api.BASE, Api.CONTRACT_BASE);

    private static TestApp app;
    private static Api api;
    /** bulk-001: the first job of the fresh database, completed with nothing failed. */
    private static String first;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = app.api();
        first = api.post(Api.BASE, Requests.workshopFor("first", 2)).json().get("id").asText();
        api.awaitStatus(first, "completed");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Sends a request that must be refused with {@code status}, and checks it changed no row. */
    private static JsonNode refused(int status, String path, String method, String contentType, Object body) {
        var before = RowCounts.of(app);
        var jobBefore = firstJob();
        var response = body == null && contentType == null
                ? switch (method) {
                    case "GET" -> api.get(path);
                    case "DELETE" -> api.delete(path);
                    default -> api.send(path, method, null, "");
                }
                : api.send(path, method, contentType, body);
        var problem = assertProblem(response, status);
        assertEquals(before, RowCounts.of(app), "a refused request must change nothing");
        assertEquals(jobBefore, firstJob(), "a refused request must leave bulk-001 as it was");
        return problem;
    }

    private static JsonNode firstJob() {
        var response = api.get(Api.BASE + "/" + first);
        assertEquals(200, response.status());
        return response.json();
    }

    // --- 404 ---

    @Test
    void theFirstJobIsBulk001() {
        assertEquals("bulk-001", first);
    }

    static Stream<Arguments> unknownIds() {
        var ids = List.of("bulk-999999", "bulk-1", "bulk-01", "bulk-0001", "garbage", "pa-001", "bulk-000",
                "BULK-001", "bulk-999999999999999999", "bulk-99999999999999999999", "bulk-%00", "bulk-001%20");
        return BASES.stream().flatMap(base -> Stream.of("GET", "PUT", "DELETE")
                .flatMap(method -> ids.stream().map(id -> Arguments.of(base, method, id))));
    }

    @ParameterizedTest
    @MethodSource("unknownIds")
    void anUnknownOrNonCanonicalJobIdIsNotFound(String base, String method, String id) {
        var body = method.equals("PUT") ? Requests.retryFailed(false) : null;
        var problem = refused(404, base + "/" + id, method, body == null ? null : "application/json", body);
        assertEquals("NOT_FOUND", problem.get("code").asText());
        assertEquals("Not found", problem.get("title").asText());
    }

    @Test
    void theNotFoundDetailNamesTheRequestedId() {
        var problem = refused(404, Api.BASE + "/bulk-1", "GET", null, null);
        assertEquals("No bulk registration job bulk-1", problem.get("detail").asText());
    }

    static Stream<Arguments> unknownPaths() {
        return Stream.of(
                Arguments.of("GET", "/"),
                Arguments.of("GET", "/nope"),
                Arguments.of("GET", "/api/v1/bulk-registration"),
                Arguments.of("GET", "/api/v1"),
                Arguments.of("GET", "/api/v2/bulk-registrations"),
                Arguments.of("GET", Api.BASE + "/bulk-001/results"),
                Arguments.of("GET", Api.BASE + "/api/v1"),
                Arguments.of("GET", Api.CONTRACT_BASE + "/bulk-001/results"),
                Arguments.of("POST", "/api/v2/bulk-registrations"),
                Arguments.of("DELETE", "/api/v1"),
                Arguments.of("PUT", Api.BASE + "/bulk-001/retry"));
    }

    @ParameterizedTest
    @MethodSource("unknownPaths")
    void anUnknownPathIsAJsonNotFound(String method, String path) {
        var body = method.equals("GET") || method.equals("DELETE") ? null : Requests.retryFailed(false);
        var problem = refused(404, path, method, body == null ? null : "application/json", body);
        assertEquals("NOT_FOUND", problem.get("code").asText());
    }

    // --- 405 ---

    static Stream<Arguments> wrongMethods() {
        return BASES.stream().flatMap(base -> Stream.of(
                Arguments.of(base, "PATCH", "", "GET, HEAD, POST"),
                Arguments.of(base, "PUT", "", "GET, HEAD, POST"),
                Arguments.of(base, "DELETE", "", "GET, HEAD, POST"),
                Arguments.of(base, "PATCH", "/bulk-001", "GET, HEAD, PUT, DELETE"),
                Arguments.of(base, "POST", "/bulk-001", "GET, HEAD, PUT, DELETE"),
                Arguments.of(base, "POST", "/bulk-999999", "GET, HEAD, PUT, DELETE")));
    }

    @ParameterizedTest
    @MethodSource("wrongMethods")
    void aWrongMethodIsNotAllowedAndSaysWhichAre(String base, String method, String suffix, String allow) {
        var before = RowCounts.of(app);
        var response = api.send(base + suffix, method, "application/json", Requests.workshopFor("wrong", 2));
        var problem = assertProblem(response, 405);
        assertEquals(allow, response.header("allow"));
        assertEquals("METHOD_NOT_ALLOWED", problem.get("code").asText());
        assertTrue(problem.get("detail").asText().startsWith(method + " is not supported here"), problem::toString);
        assertEquals(before, RowCounts.of(app));
    }

    // --- 415 ---

    static Stream<Arguments> wrongContentTypes() {
        return BASES.stream().flatMap(base -> Stream.of(null, "text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "application/jsonx", "application/problem+json")
                .flatMap(type -> Stream.of(Arguments.of(base, "POST", "", type),
                        Arguments.of(base, "PUT", "/bulk-001", type))));
    }

    @ParameterizedTest
    @MethodSource("wrongContentTypes")
    void aBodyThatIsNotDeclaredJsonIsAnUnsupportedMediaType(String base, String method, String suffix,
                                                            String type) {
        Object body = method.equals("POST") ? Requests.workshopFor("typed", 2) : Requests.retryFailed(true);
        var before = RowCounts.of(app);
        var response = api.send(base + suffix, method, type, body);
        var problem = assertProblem(response, 415);
        assertEquals("UNSUPPORTED_MEDIA_TYPE", problem.get("code").asText());
        assertTrue(problem.get("detail").asText().startsWith("Send the body as application/json"));
        assertEquals(before, RowCounts.of(app));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON"})
    void jsonWithACharsetOrInAnyCaseIsAccepted(String type) {
        var tag = "charset-" + Math.abs(type.hashCode());
        var created = api.send(Api.CONTRACT_BASE, "POST", type, Requests.workshopFor(tag, 1));
        Problems.assertNoLeak(created);
        assertEquals(202, created.status(), () -> created.raw().body());
        api.awaitStatus(created.json().get("id").asText(), "completed");

        var retried = api.send(Api.BASE + "/" + first, "PUT", type, Requests.retryFailed(false));
        assertEquals(409, assertProblem(retried, 409).get("status").asInt(), "the PUT reached the job's rules");
    }

    // --- 413 ---

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void aBodyOverThePayloadLimitIsTooLarge(String base) {
        var body = Requests.workshopFor("huge", 2);
        body.put("notes", "x".repeat(2 << 20));
        var before = RowCounts.of(app);
        var response = api.post(base, body);
        Problems.assertNoLeak(response);
        assertEquals(413, response.status(), () -> response.raw().body());
        assertEquals("application/problem+json", response.contentType());
        assertEquals("PAYLOAD_TOO_LARGE", response.json().get("code").asText());
        assertEquals(before, RowCounts.of(app));
    }

    @Test
    void aPutBodyOverThePayloadLimitIsTooLarge() {
        var body = new LinkedHashMap<String, Object>(Requests.retryFailed(false));
        body.put("action", "x".repeat(2 << 20));
        var response = api.put(Api.BASE + "/" + first, body);
        Problems.assertNoLeak(response);
        assertEquals(413, response.status());
        assertEquals("application/problem+json", response.contentType());
        assertEquals("PAYLOAD_TOO_LARGE", response.json().get("code").asText());
    }

    @Test
    void aBodyJustUnderThePayloadLimitReachesTheRules() {
        var body = Requests.workshopFor("big", 2);
        body.put("notes", "x".repeat(900 << 10));
        var response = api.post(Api.BASE, body);
        assertOnlyError(response, "notes", "TOO_LONG");
    }

    // --- PUT body errors ---

    static Stream<Arguments> badActions() {
        return BASES.stream().flatMap(base -> Stream.of(
                Arguments.of(base, Map.of("action", "retry"), "action", "INVALID_FORMAT"),
                Arguments.of(base, Map.of("action", "RETRY_FAILED"), "action", "INVALID_FORMAT"),
                Arguments.of(base, Map.of("action", "cancel"), "action", "INVALID_FORMAT"),
                Arguments.of(base, Map.of("action", ""), "action", "INVALID_FORMAT"),
                Arguments.of(base, Map.of(), "action", "REQUIRED"),
                Arguments.of(base, Map.of("override_duplicates", true), "action", "REQUIRED"),
                Arguments.of(base, Arrays.asList("action"), null, null),
                Arguments.of(base, Map.of("action", 1), "action", "INVALID_TYPE"),
                Arguments.of(base, Map.of("action", "retry_failed", "override_duplicates", "yes"),
                        "override_duplicates", "INVALID_TYPE"),
                Arguments.of(base, Map.of("action", "retry_failed", "force", true), "force", "UNKNOWN_FIELD")));
    }

    @ParameterizedTest
    @MethodSource("badActions")
    void aBadRetryBodyIsRefusedNamingTheField(String base, Object body, String field, String code) {
        var before = RowCounts.of(app);
        var jobBefore = firstJob();
        var response = api.put(base + "/" + first, body);
        if (field == null) {
            assertEquals("MALFORMED_REQUEST", assertProblem(response, 400).get("code").asText());
        } else {
            assertOnlyError(response, field, code);
        }
        assertEquals(before, RowCounts.of(app));
        assertEquals(jobBefore, firstJob());
    }

    @Test
    void anUnknownActionIsQuotedInTheMessage() {
        var response = api.put(Api.BASE + "/" + first, Map.of("action", "retry_all"));
        var error = assertOnlyError(response, "action", "INVALID_FORMAT");
        assertEquals("must be retry_failed (the only action), not 'retry_all'", error.get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json"})
    void aMalformedRetryBodyIsABadRequest(String body) {
        var problem = refused(400, Api.BASE + "/" + first, "PUT", "application/json", body);
        assertEquals("MALFORMED_REQUEST", problem.get("code").asText());
    }

    // --- 409 ---

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void retryingAJobWithNothingFailedIsAConflict(String base) {
        var problem = refused(409, base + "/" + first, "PUT", "application/json", Requests.retryFailed(true));
        assertEquals("CONFLICT", problem.get("code").asText());
        assertEquals("Bulk registration job bulk-001 has no failed registrations to retry",
                problem.get("detail").asText());
        assertEquals(0, firstJob().get("retry_count").asInt());
    }

    @Test
    void retryingAProcessingJobIsAConflictAndACancelledOneToo() throws Exception {
        var id = jobHeldByAnotherInstance();

        var processing = refused(409, Api.BASE + "/" + id, "PUT", "application/json", Requests.retryFailed(false));
        assertEquals("Bulk registration job " + id + " is still processing; retry its failures after it completes",
                processing.get("detail").asText());
        assertEquals("processing", api.get(Api.BASE + "/" + id).json().get("status").asText());

        var cancel = api.delete(Api.CONTRACT_BASE + "/" + id);
        assertEquals(200, cancel.status());
        assertEquals("Bulk registration job " + id + " cancelled successfully", cancel.json().get("message").asText());

        var cancelled = refused(409, Api.CONTRACT_BASE + "/" + id, "PUT", "application/json",
                Requests.retryFailed(false));
        assertEquals("Bulk registration job " + id + " was cancelled; submit a new job instead",
                cancelled.get("detail").asText());

        assertEquals("Bulk registration job " + id + " deleted successfully",
                api.delete(Api.BASE + "/" + id).json().get("message").asText());
        refused(404, Api.BASE + "/" + id, "GET", null, null);
        refused(404, Api.BASE + "/" + id, "PUT", "application/json", Requests.retryFailed(false));
        refused(404, Api.BASE + "/" + id, "DELETE", null, null);
    }

    /** A processing job that another instance holds a long lease on, so it stays processing here. */
    private static String jobHeldByAnotherInstance() throws Exception {
        try (var c = app.sql(); var st = c.createStatement(); var rs = st.executeQuery("""
                INSERT INTO bulk_job (coordinator_id, activity_type, activity_date, duration_minutes,
                                      override_duplicates, mentor_ids, mentor_count, status, lease_owner, lease_until)
                VALUES ('coord-held', 'group_workshop', DATE '2026-03-28', 60, false, ARRAY['held-1', 'held-2'], 2,
                        'processing', 'another-instance', now() + interval '1 hour')
                RETURNING id""")) {
            rs.next();
            return "bulk-%03d".formatted(rs.getLong(1));
        }
    }

    // --- list query parameters ---

    static Stream<Arguments> badQueries() {
        return BASES.stream().flatMap(base -> Stream.of(
                Arguments.of(base, "page=0", "page", "OUT_OF_RANGE"),
                Arguments.of(base, "page=-1", "page", "OUT_OF_RANGE"),
                Arguments.of(base, "page=abc", "page", "INVALID_TYPE"),
                Arguments.of(base, "page=", "page", "INVALID_TYPE"),
                Arguments.of(base, "page=1.5", "page", "INVALID_TYPE"),
                Arguments.of(base, "page=99999999999", "page", "OUT_OF_RANGE"),
                Arguments.of(base, "limit=0", "limit", "OUT_OF_RANGE"),
                Arguments.of(base, "limit=101", "limit", "OUT_OF_RANGE"),
                Arguments.of(base, "limit=-5", "limit", "OUT_OF_RANGE"),
                Arguments.of(base, "limit=abc", "limit", "INVALID_TYPE"),
                Arguments.of(base, "limit=20&page=0", "page", "OUT_OF_RANGE"),
                Arguments.of(base, "status=bogus", "status", "INVALID_FORMAT"),
                Arguments.of(base, "status=COMPLETED", "status", "INVALID_FORMAT"),
                Arguments.of(base, "status=", "status", "INVALID_FORMAT")));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void aBadListParameterIsABadRequestNamingIt(String base, String query, String field, String code) {
        assertOnlyError(api.get(base + "?" + query), field, code);
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        var get = api.get(Api.BASE + "/" + first);
        var head = api.send(Api.BASE + "/" + first, "HEAD", null, "");
        assertEquals(200, head.status());
        assertEquals("", head.raw().body());
        assertEquals(String.valueOf(get.raw().body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                head.header("content-length"));
        var missing = api.send(Api.BASE + "/bulk-999999", "HEAD", null, "");
        assertEquals(404, missing.status());
        assertEquals("", missing.raw().body());
    }

    @Test
    void nonAsciiDigitsAreNotNumbers() {
        assertOnlyError(api.get(Api.BASE + "?limit=%E0%A5%A8"), "limit", "INVALID_TYPE");
    }

    @Test
    void anUnknownListParameterIsRefusedInsteadOfIgnored() {
        var error = assertOnlyError(api.get(Api.BASE + "?coordinator=coord-42"), "coordinator", "UNKNOWN_FIELD");
        assertTrue(error.get("message").asText().contains("coordinator_id"), "names the known parameters");
    }

    @Test
    void aRepeatedListParameterIsRefused() {
        assertOnlyError(api.get(Api.BASE + "?page=1&page=2"), "page", "REPEATED");
    }

    @Test
    void everyBadListParameterIsReportedAtOnce() {
        var errors = Problems.assertInvalid(api.get(Api.BASE + "?page=0&limit=500&status=done&activity_type=X"));
        assertEquals(List.of("page", "limit", "status", "activity_type"),
                errors.stream().map(e -> e.get("field").asText()).toList());
    }

    @Test
    void theStatusMessageListsTheKnownStatuses() {
        var error = assertOnlyError(api.get(Api.BASE + "?status=bogus"), "status", "INVALID_FORMAT");
        assertEquals("must be one of processing, completed, cancelled, failed, not 'bogus'",
                error.get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=1", "limit=100", "page=2147483647&limit=100", "status=completed",
            "coordinator_id=nobody", "activity_type=none"})
    void listParametersAtTheirBoundsAreAccepted(String query) {
        var response = api.get(Api.BASE + "?" + query);
        Problems.assertNoLeak(response);
        assertEquals(200, response.status(), () -> response.raw().body());
        assertTrue(response.json().get("data").isArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"coordinator_id=%00", "activity_type=%00", "coordinator_id=a%00b", "coordinator_id=coord%2042",
            "activity_type=Group_Workshop"})
    void aFilterValueNoJobCanHoldIsABadRequestNotAServerError(String query) {
        var field = query.substring(0, query.indexOf('='));
        assertOnlyError(api.get(Api.BASE + "?" + query), field, "INVALID_FORMAT");
    }
}
