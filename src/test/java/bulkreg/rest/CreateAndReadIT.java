package bulkreg.rest;

import bulkreg.support.Api;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateAndReadIT {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

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

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void postingAJobAnswers202WithTheContractShapeAndALocation(String base) {
        var body = Requests.workshopFor(base.length() > Api.BASE.length() ? "contract" : "canonical", 4);
        var created = api.post(base, body);

        assertEquals(202, created.status());
        assertEquals("application/json", created.contentType());
        var job = created.json();
        var id = job.get("id").asText();
        assertTrue(id.matches("bulk-\\d{3,}"), id);
        assertEquals(Api.BASE + "/" + id, created.header("location"));
        assertEquals(List.of("id", "coordinator_id", "mentor_ids", "activity_type", "activity_date",
                "mentor_count", "status", "created_at"), fieldNames(job));
        assertEquals("coord-42", job.get("coordinator_id").asText());
        assertEquals(body.get("mentor_ids"), List.of(job.get("mentor_ids").get(0).asText(),
                job.get("mentor_ids").get(1).asText(), job.get("mentor_ids").get(2).asText(),
                job.get("mentor_ids").get(3).asText()));
        assertEquals("group_workshop", job.get("activity_type").asText());
        assertEquals("2026-03-28", job.get("activity_date").asText());
        assertEquals(4, job.get("mentor_count").asInt());
        assertEquals("processing", job.get("status").asText());
        assertTrue(TIMESTAMP.matcher(job.get("created_at").asText()).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void aCompletedJobShowsEveryMentorsResultInRequestOrder(String base) {
        var prefix = base.equals(Api.BASE) ? "canonical" : "contract";
        var mentors = List.of(prefix + "-c", prefix + "-a", prefix + "-b");
        var id = api.post(base, Requests.workshopFor(mentors)).json().get("id").asText();

        var job = api.awaitStatus(id, "completed");
        var detail = api.get(base + "/" + id);

        assertEquals(200, detail.status());
        job = detail.json();
        assertEquals(id, job.get("id").asText());
        assertEquals(120, job.get("duration_minutes").asInt());
        assertEquals(3, job.get("success_count").asInt());
        assertEquals(0, job.get("failure_count").asInt());
        assertEquals(0, job.get("retry_count").asInt());
        assertTrue(TIMESTAMP.matcher(job.get("completed_at").asText()).matches());
        var results = job.get("results");
        assertEquals(3, results.size());
        for (int i = 0; i < 3; i++) {
            var result = results.get(i);
            assertEquals(mentors.get(i), result.get("mentor_id").asText());
            assertEquals("success", result.get("status").asText());
            assertTrue(result.get("activity_id").asText().matches("pa-\\d{3,}"));
            assertFalse(result.has("error"));
        }
    }

    @Test
    void activitiesAreStoredInPostgresWithTheJobsData() throws Exception {
        var id = api.post(Api.BASE, Requests.workshopFor("stored", 5)).json().get("id").asText();
        api.awaitStatus(id, "completed");

        try (var c = app.sql(); var st = c.prepareStatement("""
                SELECT count(*), count(DISTINCT mentor_id), min(activity_type), min(activity_date)::text,
                       min(duration_minutes), min(notes)
                FROM participation_activity WHERE job_id = ?""")) {
            st.setLong(1, Long.parseLong(id.substring("bulk-".length())));
            try (var rs = st.executeQuery()) {
                rs.next();
                assertEquals(5, rs.getInt(1));
                assertEquals(5, rs.getInt(2));
                assertEquals("group_workshop", rs.getString(3));
                assertEquals("2026-03-28", rs.getString(4));
                assertEquals(120, rs.getInt(5));
                assertEquals("Spring semester kick-off workshop", rs.getString(6));
            }
        }
    }

    private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
        var names = new java.util.ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
