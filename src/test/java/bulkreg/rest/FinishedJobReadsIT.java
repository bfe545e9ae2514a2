package bulkreg.rest;

import bulkreg.support.Api;
import bulkreg.support.Poll;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finished jobs are read from memory (FinishedJobCache); these tests hold it to the rule that no read ever
 * shows a finished job older than a change already answered through the same instance, and that a change
 * through another instance reaches every instance's reads.
 */
class FinishedJobReadsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static TestApp a;
    private static TestApp b;

    @BeforeAll
    static void start() {
        var database = TestDatabase.fresh();
        a = TestApp.start(database, 100);
        b = TestApp.start(database, 100);
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    void aFinishedJobReadAgainAndAgainShowsARetryAtOnce() {
        var api = a.api();
        var id = finishedJobWithOneDuplicate(api, "again");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, api.get(Api.BASE + "/" + id).json().get("retry_count").asInt());
        }

        assertEquals(200, api.put(Api.BASE + "/" + id, Requests.retryFailed(true)).status());

        var after = api.get(Api.BASE + "/" + id).json();
        assertEquals(1, after.get("retry_count").asInt(), after.toString());
        var completed = api.awaitStatus(id, "completed");
        assertEquals(0, completed.get("failure_count").asInt(), completed.toString());
        assertEquals(2, completed.get("success_count").asInt(), completed.toString());
    }

    @Test
    void aFinishedJobDeletedThroughOneInstanceIsGoneFromTheOther() {
        var id = finishedJobWithOneDuplicate(a.api(), "deleted");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, b.api().get(Api.BASE + "/" + id).status());
        }

        assertEquals(200, a.api().delete(Api.BASE + "/" + id).status());

        assertEquals(404, a.api().get(Api.BASE + "/" + id).status());
        Poll.until("the other instance to answer 404 for " + id, TIMEOUT,
                () -> b.api().get(Api.BASE + "/" + id).status() == 404);
    }

    @Test
    void aFinishedJobRetriedThroughOneInstanceShowsTheRetryOnTheOther() {
        var id = finishedJobWithOneDuplicate(a.api(), "elsewhere");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, b.api().get(Api.BASE + "/" + id).json().get("retry_count").asInt());
        }

        assertEquals(200, a.api().put(Api.BASE + "/" + id, Requests.retryFailed(true)).status());

        Poll.until("the other instance to show the retry of " + id, TIMEOUT,
                () -> b.api().get(Api.BASE + "/" + id).json().get("retry_count").asInt() == 1);
        var completed = b.api().awaitStatus(id, "completed");
        assertEquals(2, completed.get("success_count").asInt(), completed.toString());
    }

    /** A completed job of two mentors whose second failed as a duplicate of an earlier job. */
    private static String finishedJobWithOneDuplicate(Api api, String prefix) {
        var first = api.post(Api.BASE, Requests.workshopFor(List.of(prefix + "-taken"))).json().get("id").asText();
        api.awaitStatus(first, "completed");
        var id = api.post(Api.BASE, Requests.workshopFor(List.of(prefix + "-new", prefix + "-taken")))
                .json().get("id").asText();
        JsonNode job = api.awaitStatus(id, "completed");
        assertEquals(1, job.get("failure_count").asInt(), job.toString());
        return id;
    }
}
