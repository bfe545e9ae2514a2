package bulkreg.rest;

import bulkreg.support.Api;
import bulkreg.support.Problems;
import bulkreg.support.Requests;
import bulkreg.support.RowCounts;
import bulkreg.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static bulkreg.support.Problems.assertInvalid;
import static bulkreg.support.Problems.assertOnlyError;
import static bulkreg.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input rule of the create request over real HTTP: a 400 problem naming the field, and nothing stored. */
class ValidationIT {

    private static final String ID_RULE = "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'";

    private static TestApp app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = app.api();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // --- fixtures ---

    static Stream<Arguments> atBothPaths(Object... values) {
        return Stream.of(Api.BASE, Api.CONTRACT_BASE)
                .flatMap(base -> Arrays.stream(values).map(v -> Arguments.of(base, v)));
    }

    private static Map<String, Object> workshopWith(String field, Object value) {
        var body = Requests.workshopFor("v", 4);
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> workshopWithout(String field) {
        var body = Requests.workshopFor("v", 4);
        body.remove(field);
        return body;
    }

    private static List<String> mentorsWith(int index, String value) {
        var ids = new ArrayList<>(Requests.mentors("v", 5));
        ids.set(index, value);
        return ids;
    }

    /** Posts a body that must be refused with 400, and checks that no job or activity appeared. */
    private static Api.Response refused(String base, Object body) {
        var before = RowCounts.of(app);
        var response = api.post(base, body);
        assertEquals(400, response.status(), () -> response.raw().body());
        assertEquals(before, RowCounts.of(app), "a refused request must change nothing");
        return response;
    }

    /** Posts a body that must be accepted and waits for its job, so later row counts stay still. */
    private static JsonNode accepted(String base, Object body) {
        var response = api.post(base, body);
        Problems.assertNoLeak(response);
        assertEquals(202, response.status(), () -> response.raw().body());
        var id = response.json().get("id").asText();
        api.awaitStatus(id, "completed");
        return api.get(Api.BASE + "/" + id).json();
    }

    // --- required fields ---

    static Stream<Arguments> requiredFields() {
        return atBothPaths("coordinator_id", "mentor_ids", "activity_type", "activity_date", "duration_minutes");
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void aMissingRequiredFieldIsNamedAsRequired(String base, String field) {
        var error = assertOnlyError(refused(base, workshopWithout(field)), field, "REQUIRED");
        assertEquals("is required", error.get("message").asText());
    }

    @ParameterizedTest
    @MethodSource("requiredFields")
    void aRequiredFieldSentAsNullIsRequiredToo(String base, String field) {
        assertOnlyError(refused(base, workshopWith(field, null)), field, "REQUIRED");
    }

    // --- coordinator_id ---

    static Stream<Arguments> badIds() {
        return atBothPaths("", " ", "coord 42", "coord/42", "coörd", "c".repeat(65), "coord-42\n", "<script>");
    }

    @ParameterizedTest
    @MethodSource("badIds")
    void aCoordinatorIdOutsideTheIdRuleIsRefused(String base, String id) {
        var error = assertOnlyError(refused(base, workshopWith("coordinator_id", id)), "coordinator_id",
                "INVALID_FORMAT");
        assertEquals(ID_RULE, error.get("message").asText());
    }

    // --- mentor_ids ---

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void anEmptyMentorListIsRefused(String base) {
        var error = assertOnlyError(refused(base, workshopWith("mentor_ids", List.of())), "mentor_ids",
                "OUT_OF_RANGE");
        assertEquals("must list between 1 and 10000 mentors (got 0)", error.get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void tenThousandAndOneMentorsAreTooMany(String base) {
        var error = assertOnlyError(refused(base, workshopWith("mentor_ids", Requests.mentors("many", 10_001))),
                "mentor_ids", "TOO_MANY");
        assertEquals("must list between 1 and 10000 mentors (got 10001)", error.get("message").asText());
    }

    @ParameterizedTest
    @MethodSource("badIds")
    void aBadMentorIdIsNamedByItsPosition(String base, String id) {
        var error = assertOnlyError(refused(base, workshopWith("mentor_ids", mentorsWith(3, id))), "mentor_ids[3]",
                "INVALID_FORMAT");
        assertEquals(ID_RULE, error.get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void aNullMentorIdIsRequiredAtItsPosition(String base) {
        assertOnlyError(refused(base, workshopWith("mentor_ids", mentorsWith(2, null))), "mentor_ids[2]",
                "REQUIRED");
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void aRepeatedMentorNamesBothPositions(String base) {
        var ids = List.of("dup-a", "dup-b", "dup-c", "dup-b", "dup-d");
        var error = assertOnlyError(refused(base, workshopWith("mentor_ids", ids)), "mentor_ids[3]", "DUPLICATE");
        assertEquals("repeats mentor_ids[1] (dup-b); list each mentor once", error.get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void tenThousandBadMentorIdsAreReportedAsTheFirstHundred(String base) {
        var ids = Requests.mentors("bad id", 10_000);
        var errors = assertInvalid(refused(base, workshopWith("mentor_ids", ids)));
        assertEquals(100, errors.size());
        assertEquals("mentor_ids[0]", errors.getFirst().get("field").asText());
        assertEquals("mentor_ids[99]", errors.getLast().get("field").asText());
    }

    // --- activity_type ---

    @ParameterizedTest
    @MethodSource("badActivityTypes")
    void anActivityTypeOutsideLowerCaseDigitsAndUnderscoreIsRefused(String base, String type) {
        var error = assertOnlyError(refused(base, workshopWith("activity_type", type)), "activity_type",
                "INVALID_FORMAT");
        assertEquals("must be 1-64 characters of a-z, 0-9 or '_'", error.get("message").asText());
    }

    static Stream<Arguments> badActivityTypes() {
        return atBothPaths("", "Group_Workshop", "group-workshop", "group workshop", "a".repeat(65), "ß");
    }

    // --- activity_date ---

    static Stream<Arguments> badDates() {
        return atBothPaths("2026-02-30", "2026-13-01", "2026-00-01", "2026-04-31", "2025-02-29", "26-03-28",
                "2026-3-28", "2026-03-28T00:00:00Z", "2026/03/28", "28.03.2026", "", "2026-03-28 ");
    }

    @ParameterizedTest
    @MethodSource("badDates")
    void anythingButARealCalendarDateIsRefused(String base, String date) {
        var error = assertOnlyError(refused(base, workshopWith("activity_date", date)), "activity_date",
                "INVALID_FORMAT");
        assertEquals("must be a real calendar date in the form YYYY-MM-DD (got '" + date + "')",
                error.get("message").asText());
    }

    // --- duration_minutes ---

    static Stream<Arguments> badDurations() {
        return atBothPaths(0, -1, 1441, 1_000_000_000_000L, -1_000_000_000_000L, Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @MethodSource("badDurations")
    void aDurationOutside1To1440IsOutOfRange(String base, Object minutes) {
        var error = assertOnlyError(refused(base, workshopWith("duration_minutes", minutes)), "duration_minutes",
                "OUT_OF_RANGE");
        assertEquals("must be between 1 and 1440 minutes", error.get("message").asText());
    }

    // --- notes ---

    static Stream<Arguments> tooLongNotes() {
        return atBothPaths("x".repeat(2001), "😀".repeat(2001));
    }

    @ParameterizedTest
    @MethodSource("tooLongNotes")
    void notesOverTwoThousandCharactersAreTooLong(String base, String notes) {
        var error = assertOnlyError(refused(base, workshopWith("notes", notes)), "notes", "TOO_LONG");
        assertEquals("must be at most 2000 characters", error.get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void notesWithANulCharacterAreRefused(String base) {
        var error = assertOnlyError(refused(base, workshopWith("notes", "before\u0000after")), "notes",
                "INVALID_FORMAT");
        assertEquals("must not contain the NUL character", error.get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void notesWithALoneSurrogateEscapeAreRefused(String base) {
        var body = Api.text(Requests.workshopFor("v", 2)).replace("\"Spring semester kick-off workshop\"",
                "\"half an emoji \\ud83d\"");
        assertTrue(body.contains("\\ud83d"));
        assertOnlyError(refused(base, body), "notes", "INVALID_FORMAT");
    }

    // --- accepted boundaries ---

    static Stream<Arguments> boundaryDurations() {
        return atBothPaths(1, 1440);
    }

    @ParameterizedTest
    @MethodSource("boundaryDurations")
    void valuesAtEveryUpperBoundAndBothDurationBoundsAreAccepted(String base, int minutes) throws Exception {
        var tag = (base.equals(Api.BASE) ? "c" : "k") + minutes;
        var notes = "😀".repeat(2000);
        var coordinator = (tag + "-" + "x".repeat(64)).substring(0, 64);
        var longMentor = (tag + "." + "m".repeat(64)).substring(0, 64);
        var type = ("t" + minutes + "_" + "z".repeat(64)).substring(0, 64);
        var body = Requests.workshopFor(List.of(longMentor, tag + "-b"));
        body.put("coordinator_id", coordinator);
        body.put("activity_type", type);
        body.put("activity_date", "2028-02-29");
        body.put("duration_minutes", minutes);
        body.put("notes", notes);
        body.put("override_duplicates", true);

        var job = accepted(base, body);

        assertEquals(coordinator, job.get("coordinator_id").asText());
        assertEquals(type, job.get("activity_type").asText());
        assertEquals("2028-02-29", job.get("activity_date").asText());
        assertEquals(minutes, job.get("duration_minutes").asInt());
        assertEquals(notes, job.get("notes").asText());
        assertEquals(longMentor, job.get("mentor_ids").get(0).asText());
        assertEquals(2, job.get("success_count").asInt());
        try (var c = app.sql(); var st = c.prepareStatement(
                "SELECT char_length(notes), min(mentor_id) FROM participation_activity WHERE notes = ? "
                        + "AND duration_minutes = ? AND activity_type = ? GROUP BY notes")) {
            st.setString(1, notes);
            st.setInt(2, minutes);
            st.setString(3, type);
            try (var rs = st.executeQuery()) {
                assertTrue(rs.next(), "the activities are stored");
                assertEquals(2000, rs.getInt(1), "PostgreSQL holds 2,000 characters");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void theOptionalFieldsMayBeLeftOutOrNull(String base) {
        var tag = base.equals(Api.BASE) ? "opt-c" : "opt-k";
        var body = Requests.workshopFor(tag, 1);
        body.remove("notes");
        body.remove("override_duplicates");
        assertTrue(accepted(base, body).get("notes").isNull());

        var nulls = Requests.workshopFor(tag + "-null", 1);
        nulls.put("notes", null);
        nulls.put("override_duplicates", null);
        var job = accepted(base, nulls);
        assertTrue(job.get("notes").isNull());
        assertFalse(job.get("override_duplicates").asBoolean());
    }

    // --- JSON types ---

    static Stream<Arguments> wrongTypes() {
        return Stream.of(Api.BASE, Api.CONTRACT_BASE).flatMap(base -> Stream.of(
                Arguments.of(base, "duration_minutes", "120", "duration_minutes", "must be a whole number, not a string"),
                Arguments.of(base, "duration_minutes", 120.5, "duration_minutes",
                        "must be a whole number, not a number with a fraction or exponent"),
                Arguments.of(base, "duration_minutes", true, "duration_minutes",
                        "must be a whole number, not a boolean"),
                Arguments.of(base, "mentor_ids", List.of("m-1", 5, "m-3"), "mentor_ids[1]",
                        "must be a string, not a whole number"),
                Arguments.of(base, "mentor_ids", List.of("m-1", List.of("m-2")), "mentor_ids[1]",
                        "must be a string, not an array"),
                Arguments.of(base, "mentor_ids", "m-1", "mentor_ids", "must be an array of strings, not a string"),
                Arguments.of(base, "mentor_ids", Map.of("m", 1), "mentor_ids",
                        "must be an array of strings, not an object"),
                Arguments.of(base, "override_duplicates", "true", "override_duplicates",
                        "must be true or false, not a string"),
                Arguments.of(base, "override_duplicates", 1, "override_duplicates",
                        "must be true or false, not a whole number"),
                Arguments.of(base, "notes", Map.of("text", "hi"), "notes", "must be a string, not an object"),
                Arguments.of(base, "coordinator_id", 42, "coordinator_id", "must be a string, not a whole number"),
                Arguments.of(base, "activity_type", List.of("x"), "activity_type", "must be a string, not an array"),
                Arguments.of(base, "activity_date", 20260328, "activity_date",
                        "must be a string, not a whole number")));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsNamed(String base, String field, Object value, String named, String message) {
        var error = assertOnlyError(refused(base, workshopWith(field, value)), named, "INVALID_TYPE");
        assertEquals(message, error.get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void aWholeNumberWrittenWithAFractionIsStillTheWrongType(String base) {
        var body = Api.text(Requests.workshopFor("v", 2)).replace("\"duration_minutes\":120",
                "\"duration_minutes\":120.0");
        assertTrue(body.contains("120.0"));
        assertOnlyError(refused(base, body), "duration_minutes", "INVALID_TYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void everyWrongTypeIsReportedTogether(String base) {
        var body = Requests.workshopFor("v", 2);
        body.put("coordinator_id", 1);
        body.put("mentor_ids", List.of("ok", false));
        body.put("duration_minutes", "long");
        body.put("notes", List.of());
        var errors = assertInvalid(refused(base, body));
        assertEquals(List.of("coordinator_id", "mentor_ids[1]", "duration_minutes", "notes"),
                errors.stream().map(e -> e.get("field").asText()).toList());
        assertTrue(errors.stream().allMatch(e -> e.get("code").asText().equals("INVALID_TYPE")));
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void wrongTypesAndBrokenRulesAreReportedTogether(String base) {
        var body = Requests.workshopFor(List.of("ok", "bad id", "ok"));
        body.put("duration_minutes", "long");
        body.put("activity_date", "2026-02-30");
        var errors = assertInvalid(refused(base, body));
        assertEquals(List.of("duration_minutes", "mentor_ids[1]", "mentor_ids[2]", "activity_date"),
                errors.stream().map(e -> e.get("field").asText()).toList());
        assertEquals(List.of("INVALID_TYPE", "INVALID_FORMAT", "DUPLICATE", "INVALID_FORMAT"),
                errors.stream().map(e -> e.get("code").asText()).toList());
    }

    // --- unknown fields ---

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void anUnknownFieldIsNamed(String base) {
        var response = refused(base, workshopWith("colour", "red"));
        var error = assertOnlyError(response, "colour", "UNKNOWN_FIELD");
        assertTrue(error.get("message").asText().contains("coordinator_id"), "lists the known fields");
        assertTrue(response.json().get("detail").asText().contains("colour"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void aFieldInTheWrongCaseIsUnknown(String base) {
        var body = workshopWithout("coordinator_id");
        body.put("coordinatorId", "coord-42");
        var errors = assertInvalid(refused(base, body));
        assertEquals("coordinatorId", errors.getFirst().get("field").asText());
        assertEquals("UNKNOWN_FIELD", errors.getFirst().get("code").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void everyUnknownFieldIsNamed(String base) {
        var body = workshopWith("colour", "red");
        body.put("id", "bulk-001");
        var errors = assertInvalid(refused(base, body));
        assertEquals(List.of("colour", "id"), errors.stream().map(e -> e.get("field").asText()).sorted().toList());
    }

    // --- bodies that are not a JSON object ---

    static Stream<Arguments> malformedBodies() {
        var valid = Api.text(Requests.workshopFor("v", 2));
        return atBothPaths("{\"coordinator_id\": \"coord-42\",", "{coordinator_id: \"coord-42\"}", "not json",
                "{'coordinator_id': 'coord-42'}", valid.substring(0, valid.length() - 1), valid + " {}",
                valid + "x", "{\"notes\": \"unterminated}", "{\"notes\": " + "[".repeat(5000));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void aBodyThatIsNotJsonIsMalformed(String base, String body) {
        var problem = assertProblem(refused(base, body), 400);
        assertEquals("MALFORMED_REQUEST", problem.get("code").asText());
        assertTrue(problem.get("detail").asText().startsWith("The body is not valid JSON"), problem::toString);
    }

    static Stream<Arguments> emptyBodies() {
        return atBothPaths("", " ", "\n\t ");
    }

    @ParameterizedTest
    @MethodSource("emptyBodies")
    void anEmptyBodyIsMalformed(String base, String body) {
        var problem = assertProblem(refused(base, body), 400);
        assertEquals("MALFORMED_REQUEST", problem.get("code").asText());
        assertEquals("The body is empty; send a JSON object", problem.get("detail").asText());
    }

    static Stream<Arguments> nonObjects() {
        var valid = Api.text(Requests.workshopFor("v", 2));
        return Stream.of(Api.BASE, Api.CONTRACT_BASE).flatMap(base -> Stream.of(
                Arguments.of(base, "[" + valid + "]", "an array"),
                Arguments.of(base, "[]", "an array"),
                Arguments.of(base, "\"coord-42\"", "a string"),
                Arguments.of(base, "42", "a whole number"),
                Arguments.of(base, "true", "a boolean"),
                Arguments.of(base, "null", "null")));
    }

    @ParameterizedTest
    @MethodSource("nonObjects")
    void aBodyThatIsNotAJsonObjectIsMalformed(String base, String body, String kind) {
        var problem = assertProblem(refused(base, body), 400);
        assertEquals("The body must be a JSON object, not " + kind, problem.get("detail").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void aRepeatedKeyIsMalformedAndNamesTheKey(String base) {
        var valid = Api.text(Requests.workshopFor("v", 2));
        var body = "{\"coordinator_id\":\"someone-else\"," + valid.substring(1);
        var problem = assertProblem(refused(base, body), 400);
        assertTrue(problem.get("detail").asText().contains("coordinator_id"), problem::toString);
    }

    // --- several rules at once ---

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void everyBrokenRuleIsReportedTogether(String base) {
        var body = Requests.workshopFor(List.of("ok-1", "bad id", "ok-1"));
        body.put("coordinator_id", "");
        body.remove("activity_type");
        body.put("activity_date", "2026-02-30");
        body.put("duration_minutes", 0);
        body.put("notes", "x".repeat(2001));

        var response = refused(base, body);
        var errors = assertInvalid(response);

        assertEquals(List.of("coordinator_id", "mentor_ids[1]", "mentor_ids[2]", "activity_type", "activity_date",
                "duration_minutes", "notes"), errors.stream().map(e -> e.get("field").asText()).toList());
        assertEquals(List.of("INVALID_FORMAT", "INVALID_FORMAT", "DUPLICATE", "REQUIRED", "INVALID_FORMAT",
                "OUT_OF_RANGE", "TOO_LONG"), errors.stream().map(e -> e.get("code").asText()).toList());
        assertEquals("7 fields are invalid; the first: coordinator_id " + ID_RULE,
                response.json().get("detail").asText());
        assertEquals("INVALID_INPUT", response.json().get("code").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void aDurationBeyondEveryIntegerTypeIsOutOfRange(String base) {
        var body = Api.text(Requests.workshopFor("v", 2)).replace("\"duration_minutes\":120",
                "\"duration_minutes\":1000000000000000000000000000000");
        assertOnlyError(refused(base, body), "duration_minutes", "OUT_OF_RANGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void aBodyThatIsNotUtf8IsMalformed(String base) throws Exception {
        var valid = Api.text(Requests.workshopFor("v", 2)).getBytes(StandardCharsets.UTF_8);
        var body = new byte[valid.length + 2];
        System.arraycopy(valid, 0, body, 0, valid.length);
        // a Latin-1 'é' inside the notes string: not UTF-8
        var at = new String(valid, StandardCharsets.UTF_8).indexOf("Spring");
        System.arraycopy(valid, at, body, at + 2, valid.length - at);
        body[at] = (byte) 0xE9;
        body[at + 1] = (byte) 0x20;
        var before = RowCounts.of(app);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + base))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try (var client = HttpClient.newHttpClient()) {
            var raw = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(400, raw.statusCode(), raw::body);
            assertEquals(Problems.MEDIA_TYPE, raw.headers().firstValue("content-type").orElse(""));
            assertTrue(raw.body().contains("MALFORMED_REQUEST"), raw::body);
            assertFalse(raw.body().contains("Exception"), raw::body);
        }
        assertEquals(before, RowCounts.of(app));
    }

    static Stream<Arguments> extremeDates() {
        // 1582-10-10 lies in the days java.sql.Date's Julian/Gregorian calendar would shift.
        return atBothPaths("0001-01-01", "1582-10-10", "1582-10-15", "1900-02-28", "9999-12-31");
    }

    @ParameterizedTest
    @MethodSource("extremeDates")
    void aRealDateFarInThePastOrFutureIsStoredAsSent(String base, String date) throws Exception {
        var body = Requests.workshopFor((base.equals(Api.BASE) ? "d-c-" : "d-k-") + date, 1);
        body.put("activity_date", date);
        var job = accepted(base, body);
        assertEquals(date, job.get("activity_date").asText());
        try (var c = app.sql(); var st = c.prepareStatement(
                "SELECT to_char(activity_date, 'YYYY-MM-DD') FROM bulk_job WHERE id = ?"
                        + " UNION ALL SELECT to_char(activity_date, 'YYYY-MM-DD') FROM participation_activity"
                        + " WHERE job_id = ?")) {
            var id = Long.parseLong(job.get("id").asText().substring("bulk-".length()));
            st.setLong(1, id);
            st.setLong(2, id);
            try (var rs = st.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertEquals(date, rs.getString(1), "PostgreSQL holds the date that was sent");
                }
                assertEquals(2, rows, "the job and its activity");
            }
        }
    }
}
