package bulkreg.rest;

import bulkreg.support.Activities;
import bulkreg.support.Api;
import bulkreg.support.Json;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CancelAndDeleteIT {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final int MENTORS = 10_000;

    private static TestApp app;
    private static Api api;
    private static Activities activities;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = app.api();
        activities = new Activities(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void deletingAProcessingJobCancelsItAndKeepsTheActivitiesAlreadyCreated(String base) throws Exception {
        var p = prefix("cancel", base);
        var body = Requests.workshopFor(p, MENTORS);
        body.put("coordinator_id", "coord-" + p);
        var id = created(api.post(base, body));
        awaitFirstActivities("coord-" + p);

        var answer = api.delete(base + "/" + id);

        assertEquals(200, answer.status(), answer.raw().body());
        assertEquals("application/json", answer.contentType());
        assertEquals(List.of("message"), Json.fieldNames(answer.json()));
        assertEquals("Bulk registration job " + id + " cancelled successfully", answer.json().get("message").asText());
        var job = api.get(base + "/" + id).json();
        assertEquals("cancelled", job.get("status").asText());
        assertTrue(TIMESTAMP.matcher(job.get("completed_at").asText()).matches(), job.get("completed_at").toString());
        var succeeded = Json.resultsWithStatus(job, "success");
        var cancelled = Json.resultsWithStatus(job, "cancelled");
        assertTrue(cancelled.size() > 0, "the job was cancelled mid-way, yet nothing is left cancelled");
        assertTrue(succeeded.size() > 0);
        assertEquals(succeeded.size(), job.get("success_count").asInt());
        assertEquals(0, job.get("failure_count").asInt());
        assertEquals(MENTORS, succeeded.size() + cancelled.size());
        var results = job.get("results");
        for (int i = 0; i < MENTORS; i++) {
            var result = results.get(i);
            assertEquals(p + "-" + (i + 1), result.get("mentor_id").asText());
            assertEquals(i < succeeded.size() ? "success" : "cancelled", result.get("status").asText(), "item " + i);
        }
        cancelled.forEach(r -> assertEquals(List.of("mentor_id", "status"), Json.fieldNames(r)));
        assertEquals(succeeded.size(), activities.ofJob(id));

        Thread.sleep(1000); // nothing to poll for: the point is that nothing happens

        assertEquals(succeeded.size(), activities.ofJob(id), "activities added after the cancel");
        assertEquals(succeeded.size(), activities.ofMentorsStartingWith(p + "-"));
        var later = api.get(base + "/" + id).json();
        assertEquals("cancelled", later.get("status").asText());
        assertEquals(succeeded.size(), later.get("success_count").asInt());
        assertEquals(cancelled.size(), Json.resultsWithStatus(later, "cancelled").size());
        System.out.printf("cancelled %s after %d of %d mentors%n", id, succeeded.size(), MENTORS);
    }

    @Test
    void aCancelledJobCannotBeRetriedAndASecondDeleteDeletesIt() {
        var id = created(api.post(Api.BASE, Requests.workshopFor("cancel-then-delete", MENTORS)));
        assertEquals("Bulk registration job " + id + " cancelled successfully",
                api.delete(Api.BASE + "/" + id).json().get("message").asText());

        assertEquals(409, api.put(Api.BASE + "/" + id, Requests.retryFailed(true)).status());
        var deleted = api.delete(Api.BASE + "/" + id);

        assertEquals(200, deleted.status());
        assertEquals("Bulk registration job " + id + " deleted successfully", deleted.json().get("message").asText());
        assertEquals(404, api.get(Api.BASE + "/" + id).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void deletingAFinishedJobHidesItEverywhereButKeepsItsActivities(String base) {
        var p = prefix("delete", base);
        var body = Requests.workshopFor(p, 5);
        body.put("coordinator_id", "coord-" + p);
        var id = created(api.post(base, body));
        api.awaitStatus(id, "completed");

        var answer = api.delete(base + "/" + id);

        assertEquals(200, answer.status(), answer.raw().body());
        assertEquals(List.of("message"), Json.fieldNames(answer.json()));
        assertEquals("Bulk registration job " + id + " deleted successfully", answer.json().get("message").asText());
        for (var path : List.of(Api.BASE, Api.CONTRACT_BASE)) {
            var read = api.get(path + "/" + id);
            assertEquals(404, read.status(), path);
            assertEquals("application/problem+json", read.contentType());
            var listing = api.get(path + "?coordinator_id=coord-" + p).json();
            assertEquals(0, listing.get("data").size());
            assertEquals(0, listing.get("pagination").get("total").asInt());
            assertFalse(api.get(path + "?limit=100").json().get("data").toString().contains(id));
            assertEquals(404, api.put(path + "/" + id, Requests.retryFailed(true)).status());
        }
        var again = api.delete(base + "/" + id);
        assertEquals(404, again.status());
        assertEquals("application/problem+json", again.contentType());
        assertEquals(5, activities.ofJob(id));
        assertEquals(1, activities.ofMentor(p + "-3", "group_workshop", "2026-03-28"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bulk-999999", "bulk-7", "nope"})
    void deletingAJobThatDoesNotExistIsNotFound(String id) {
        for (var base : List.of(Api.BASE, Api.CONTRACT_BASE)) {
            var answer = api.delete(base + "/" + id);

            assertEquals(404, answer.status(), base + "/" + id);
            assertEquals("application/problem+json", answer.contentType());
        }
    }

    /**
     * Waits until the coordinator's only job has registered someone, polling the light listing rather than
     * the 10,000 results, so the cancel lands early in the job.
     */
    private static void awaitFirstActivities(String coordinator) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (api.get(Api.BASE + "?coordinator_id=" + coordinator).json().get("data").get(0)
                .get("success_count").asInt() == 0) {
            assertTrue(Instant.now().isBefore(deadline), "no progress in 60 s");
            Thread.sleep(10);
        }
    }

    private static String created(Api.Response answer) {
        assertEquals(202, answer.status(), answer.raw().body());
        return answer.json().get("id").asText();
    }

    private static String prefix(String test, String base) {
        return test + (base.equals(Api.BASE) ? "-canonical" : "-contract");
    }
}
