package bulkreg.rest;

import bulkreg.support.Api;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartIT {

    private static final int MENTORS = 10_000;

    @Test
    void aJobInterruptedByARestartCompletesWithExactlyOneActivityPerMentor() throws Exception {
        try (var app = TestApp.start(TestDatabase.fresh(), 50)) {
            var api = app.api();
            var id = api.post(Api.BASE, Requests.workshopFor("restart", MENTORS)).json().get("id").asText();
            var before = api.await(id, j -> j.path("success_count").asInt() > 0, Duration.ofSeconds(30));
            assertEquals("processing", before.get("status").asText(), "the job must still be running at the restart");

            app.restart();

            var job = app.api().awaitStatus(id, "completed");
            assertEquals(MENTORS, job.get("success_count").asInt());
            assertEquals(0, job.get("failure_count").asInt());
            var results = job.get("results");
            assertEquals(MENTORS, results.size());
            for (int i = 0; i < MENTORS; i++) {
                assertEquals("restart-" + (i + 1), results.get(i).get("mentor_id").asText());
                assertEquals("success", results.get(i).get("status").asText());
            }
            try (var c = app.sql(); var st = c.prepareStatement("""
                    SELECT count(*), count(DISTINCT mentor_id) FROM participation_activity WHERE job_id = ?""")) {
                st.setLong(1, Long.parseLong(id.substring("bulk-".length())));
                try (var rs = st.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(MENTORS, rs.getInt(1));
                    assertEquals(MENTORS, rs.getInt(2));
                }
            }
        }
    }
}
