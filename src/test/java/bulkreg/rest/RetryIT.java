package bulkreg.rest;

import bulkreg.support.Activities;
import bulkreg.support.Api;
import bulkreg.support.AtTheSameMoment;
import bulkreg.support.Json;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryIT {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    /** The team's shared samples, beside the checkout (CI lays a copy of shared/ there too). */
    private static final Path SAMPLES = samples();

    private static TestApp app;
    private static Api api;
    private static Activities activities;

    private static Path samples() {
        var configured = System.getProperty("bulkreg.samples");
        if (configured != null) {
            return Path.of(configured);
        }
        for (var candidate : List.of(Path.of("..", "shared", "samples"), Path.of("/work/shared/samples"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The shared samples are not beside this checkout (../shared/samples); "
                + "set -Dbulkreg.samples to their folder");
    }

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
    void retryingWithoutOverrideFailsTheDuplicatesAgainAndKeepsTheSuccesses(String base) {
        var p = prefix("plain", base);
        var job = jobWithDuplicates(base, p);
        var before = api.get(base + "/" + job).json();

        var retried = api.put(base + "/" + job, Requests.retryFailed(false));

        assertRetryAnswer(retried, job, 1);
        var after = completedAgain(base, job, 1);
        assertEquals(2, after.get("success_count").asInt());
        assertEquals(3, after.get("failure_count").asInt());
        assertEquals(before.get("results"), after.get("results"));
        Json.resultsWithStatus(after, "failed").forEach(r -> {
            assertEquals("DUPLICATE_ACTIVITY", r.get("error").get("code").asText());
            assertFalse(r.has("activity_id"));
        });
        assertEquals(2, activities.ofJob(job));
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void retryingWithOverrideRegistersTheFailedMentorsAndKeepsEarlierActivityIds(String base) throws Exception {
        var p = prefix("override", base);
        var job = jobWithDuplicates(base, p);
        var before = api.get(base + "/" + job).json();

        JsonNode during;
        try (var held = activities.holdWrites()) {
            assertRetryAnswer(api.put(base + "/" + job, Requests.retryFailed(true)), job, 1);
            during = api.get(base + "/" + job).json();
        }

        assertEquals("processing", during.get("status").asText());
        assertTrue(during.get("completed_at").isNull(), "completed_at while processing again: " + during);
        assertEquals(1, during.get("retry_count").asInt());
        assertEquals(successes(before), successes(during));
        assertEquals(3, Json.resultsWithStatus(during, "pending").size(), during.toString());
        var after = completedAgain(base, job, 1);
        assertEquals(5, after.get("success_count").asInt());
        assertEquals(0, after.get("failure_count").asInt());
        assertEquals(5, Json.resultsWithStatus(after, "success").size());
        Json.elements(after.get("results")).forEach(r -> assertFalse(r.has("error"), r.toString()));
        var activityIds = successes(after);
        successes(before).forEach((mentor, activity) -> assertEquals(activity, activityIds.get(mentor)));
        assertEquals(5, activities.ofJob(job));
        assertEquals(2, activities.ofMentor(p + "-1", "group_workshop", "2026-03-28"));
    }

    @Test
    void aSecondRetryWithOverrideRegistersWhatTheFirstRetryFailedAgain() {
        var job = jobWithDuplicates(Api.BASE, "twice");
        assertRetryAnswer(api.put(Api.BASE + "/" + job, Requests.retryFailed(false)), job, 1);
        assertEquals(3, completedAgain(Api.BASE, job, 1).get("failure_count").asInt());

        assertRetryAnswer(api.put(Api.BASE + "/" + job, Requests.retryFailed(true)), job, 2);

        var after = completedAgain(Api.BASE, job, 2);
        assertEquals(5, after.get("success_count").asInt());
        assertEquals(0, after.get("failure_count").asInt());
        assertEquals(5, activities.ofJob(job));
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void retryingAJobWithNothingFailedIsAConflict(String base) {
        var id = api.post(base, Requests.workshopFor(prefix("clean", base), 3)).json().get("id").asText();
        api.awaitStatus(id, "completed");

        var answer = api.put(base + "/" + id, Requests.retryFailed(true));

        assertEquals(409, answer.status());
        assertEquals("application/problem+json", answer.contentType());
        var job = api.get(base + "/" + id).json();
        assertEquals(0, job.get("retry_count").asInt());
        assertEquals("completed", job.get("status").asText());
    }

    @Test
    void retryingAJobThatIsStillProcessingIsAConflict() throws Exception {
        String id;
        try (var held = activities.holdWrites()) {
            id = api.post(Api.BASE, Requests.workshopFor("busy", 3)).json().get("id").asText();

            var answer = api.put(Api.BASE + "/" + id, Requests.retryFailed(true));

            assertEquals(409, answer.status());
        }
        assertEquals(0, api.awaitStatus(id, "completed").get("retry_count").asInt());
    }

    @Test
    void ofTwoRetriesSentAtTheSameMomentExactlyOneIsAccepted() {
        var job = jobWithDuplicates(Api.BASE, "racing");
        Supplier<Integer> retry = () -> api.put(Api.BASE + "/" + job, Requests.retryFailed(true)).status();

        var statuses = AtTheSameMoment.run(List.of(retry, retry));

        assertEquals(List.of(200, 409), statuses.stream().sorted().toList());
        var after = completedAgain(Api.BASE, job, 1);
        assertEquals(5, after.get("success_count").asInt());
        assertEquals(5, activities.ofJob(job));
    }

    @Test
    void theDistrictSampleSentTwiceFailsEveryMentorAndItsRetryRegistersThemAll() throws IOException {
        var create = Files.readString(SAMPLES.resolve("create-district-1200.json"));
        var first = created(api.send(Api.BASE, "POST", "application/json", create));
        var firstJob = api.awaitStatus(first, "completed");
        assertEquals(1200, firstJob.get("success_count").asInt());
        var second = created(api.send(Api.BASE, "POST", "application/json", create));

        var duplicate = api.awaitStatus(second, "completed");

        assertEquals(0, duplicate.get("success_count").asInt());
        assertEquals(1200, duplicate.get("failure_count").asInt());
        var failed = Json.resultsWithStatus(duplicate, "failed");
        assertEquals(1200, failed.size());
        failed.forEach(r -> assertEquals("DUPLICATE_ACTIVITY", r.get("error").get("code").asText()));

        var retried = api.send(Api.BASE + "/" + second, "PUT", "application/json",
                Files.readString(SAMPLES.resolve("retry-failed.json")));

        assertRetryAnswer(retried, second, 1);
        var after = completedAgain(Api.BASE, second, 1);
        assertEquals(1200, after.get("success_count").asInt());
        assertEquals(0, after.get("failure_count").asInt());
        assertEquals(1200, Json.resultsWithStatus(after, "success").size());
        assertEquals(firstJob.get("mentor_ids"), after.get("mentor_ids"));
        assertEquals(1200, activities.ofJob(second));
        assertEquals(2, activities.ofMentor("mentor-1000", "training_session", "2026-04-14"));
        assertEquals(2, activities.ofMentor("mentor-2199", "training_session", "2026-04-14"));
        assertEquals(firstJob.get("results"), api.get(Api.BASE + "/" + first).json().get("results"));
    }

    /** A completed job for mentors p-1 ... p-5 of whom p-1 ... p-3 already had the activity. */
    private static String jobWithDuplicates(String base, String p) {
        var earlier = created(api.post(base, Requests.workshopFor(p, 3)));
        api.awaitStatus(earlier, "completed");
        var mentors = List.of(p + "-4", p + "-1", p + "-2", p + "-5", p + "-3");
        var job = created(api.post(base, Requests.workshopFor(mentors)));
        var done = api.awaitStatus(job, "completed");
        assertEquals(2, done.get("success_count").asInt());
        assertEquals(3, done.get("failure_count").asInt());
        return job;
    }

    private static JsonNode completedAgain(String base, String id, int retryCount) {
        api.await(id, j -> "completed".equals(j.path("status").asText()) && j.path("retry_count").asInt() == retryCount,
                java.time.Duration.ofSeconds(60));
        var job = api.get(base + "/" + id).json();
        assertTrue(TIMESTAMP.matcher(job.get("completed_at").asText()).matches(), job.toString());
        assertEquals(job.get("mentor_count").asInt(),
                job.get("success_count").asInt() + job.get("failure_count").asInt());
        return job;
    }

    private static void assertRetryAnswer(Api.Response answer, String id, int retryCount) {
        assertEquals(200, answer.status(), answer.raw().body());
        assertEquals("application/json", answer.contentType());
        var json = answer.json();
        assertEquals(List.of("id", "status", "retry_count", "updated_at"), Json.fieldNames(json));
        assertEquals(id, json.get("id").asText());
        assertEquals("processing", json.get("status").asText());
        assertEquals(retryCount, json.get("retry_count").asInt());
        assertTrue(TIMESTAMP.matcher(json.get("updated_at").asText()).matches(), json.toString());
    }

    private static Map<String, String> successes(JsonNode job) {
        var map = new java.util.HashMap<String, String>();
        Json.resultsWithStatus(job, "success").forEach(r ->
                map.put(r.get("mentor_id").asText(), r.get("activity_id").asText()));
        return map;
    }

    private static String created(Api.Response answer) {
        assertEquals(202, answer.status(), answer.raw().body());
        return answer.json().get("id").asText();
    }

    private static String prefix(String test, String base) {
        return test + (base.equals(Api.BASE) ? "-canonical" : "-contract");
    }
}
