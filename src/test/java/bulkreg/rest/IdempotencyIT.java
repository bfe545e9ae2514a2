package bulkreg.rest;

import bulkreg.support.Api;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REST's Idempotency-Key: a create that is safe to repeat. */
class IdempotencyIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void repeatingAPostWithItsKeyAnswersTheFirstJobAndCreatesNothing() throws Exception {
        var key = UUID.randomUUID().toString();
        var body = Api.text(Requests.workshopFor("idem", 50));
        var first = post(body, key);
        assertEquals(202, first.statusCode());
        assertNull(first.headers().firstValue("Idempotent-Replayed").orElse(null));
        var id = idOf(first.body());
        app.api().awaitStatus(id, "completed");

        var again = post(body, key);
        assertEquals(202, again.statusCode());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(first.body(), again.body(), "the first answer, byte for byte");
        assertEquals(first.headers().firstValue("Location"), again.headers().firstValue("Location"));
        assertEquals(1, jobsOf("idem-1"));
        assertEquals(50, activitiesOf("idem-"));
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefusedAndChangesNothing() throws Exception {
        var key = UUID.randomUUID().toString();
        assertEquals(202, post(Api.text(Requests.workshopFor("diff", 3)), key).statusCode());
        var refused = post(Api.text(Requests.workshopFor("diff", 4)), key);
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("IDEMPOTENCY_KEY_REUSED"), refused.body());
        assertEquals(1, jobsOf("diff-1"));
    }

    @Test
    void concurrentRepeatsCreateExactlyOneJob() throws Exception {
        var key = UUID.randomUUID().toString();
        var body = Api.text(Requests.workshopFor("race", 2_000));
        var calls = new ArrayList<Callable<HttpResponse<String>>>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> post(body, key));
        }
        var ids = new java.util.HashSet<String>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var f : pool.invokeAll(calls)) {
                var response = f.get();
                assertTrue(response.statusCode() == 202 || response.statusCode() == 409, response.body());
                if (response.statusCode() == 202) {
                    ids.add(idOf(response.body()));
                }
            }
        }
        assertEquals(1, ids.size(), "every accepted repeat names the same job");
        assertEquals(1, jobsOf("race-1"));
    }

    @Test
    void aRepeatWhileTheFirstIsStillBeingHandledIsAConflict() throws Exception {
        var key = UUID.randomUUID().toString();
        try (var c = app.sql(); var st = c.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 7460))")) {
            // Hold the key's lock as the first request's transaction would while it stores the job.
            st.setString(1, key);
            st.execute();
            var repeat = post(Api.text(Requests.workshopFor("busy", 2)), key);
            assertEquals(409, repeat.statusCode(), repeat.body());
            assertEquals(0, jobsOf("busy-1"));
            // Released explicitly: closing the connection releases it too, but only once the server has seen the
            // close, which may come after the next request.
            try (var unlock = c.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 7460))")) {
                unlock.setString(1, key);
                unlock.execute();
            }
        }
        assertEquals(202, post(Api.text(Requests.workshopFor("busy", 2)), key).statusCode(), "once it is free");
    }

    @Test
    void aMalformedKeyIsABadRequestNamingTheHeader() throws Exception {
        var refused = post(Api.text(Requests.workshopFor("badkey", 1)), "x".repeat(256));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("\"field\":\"Idempotency-Key\""), refused.body());
        assertTrue(refused.body().contains("\"detail\":\"Idempotency-Key "), refused.body());
        assertEquals(0, jobsOf("badkey-1"));
    }

    private static HttpResponse<String> post(String body, String key) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + Api.BASE))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String idOf(String body) {
        return body.replaceAll(".*\"id\":\"(bulk-\\d+)\".*", "$1");
    }

    private static int jobsOf(String firstMentor) throws Exception {
        try (var c = app.sql(); var st = c.prepareStatement("SELECT count(*) FROM bulk_job WHERE mentor_ids[1] = ?")) {
            st.setString(1, firstMentor);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int activitiesOf(String prefix) throws Exception {
        try (var c = app.sql(); var st = c.prepareStatement(
                "SELECT count(*) FROM participation_activity WHERE mentor_id LIKE ?")) {
            st.setString(1, prefix + "%");
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
