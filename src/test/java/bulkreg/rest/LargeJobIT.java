package bulkreg.rest;

import bulkreg.support.Activities;
import bulkreg.support.Api;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LargeJobIT {

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

    @Test
    void aTenThousandMentorJobRegistersEveryMentorOnceWithResultsInRequestOrder() {
        var mentors = new ArrayList<>(Requests.mentors("large", MENTORS));
        Collections.shuffle(mentors, new Random(42));
        long started = System.nanoTime();
        var created = api.post(Api.BASE, Requests.workshopFor(mentors));
        assertEquals(202, created.status(), created.raw().body());
        var id = created.json().get("id").asText();

        api.await(id, j -> !"processing".equals(j.path("status").asText()), Duration.ofSeconds(90));
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        var job = api.get(Api.BASE + "/" + id).json();
        assertEquals("completed", job.get("status").asText());
        assertEquals(MENTORS, job.get("mentor_count").asInt());
        assertEquals(MENTORS, job.get("success_count").asInt());
        assertEquals(0, job.get("failure_count").asInt());
        var results = job.get("results");
        assertEquals(MENTORS, results.size());
        var activityIds = new HashSet<String>();
        for (int i = 0; i < MENTORS; i++) {
            var result = results.get(i);
            assertEquals(mentors.get(i), result.get("mentor_id").asText(), "result " + i);
            assertEquals("success", result.get("status").asText());
            assertTrue(activityIds.add(result.get("activity_id").asText()), "activity id repeated at " + i);
            assertFalse(result.has("error"));
        }
        assertEquals(MENTORS, activities.ofJob(id));
        assertEquals(MENTORS, activities.mentorsStartingWith("large-"));
        System.out.printf("%s: %d mentors completed in %d ms%n", id, MENTORS, elapsed.toMillis());
    }
}
