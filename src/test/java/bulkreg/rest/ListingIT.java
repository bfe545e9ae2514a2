package bulkreg.rest;

import bulkreg.support.Api;
import bulkreg.support.Json;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListingIT {

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
    void theListingShowsJobsNewestFirstInExactlyTheContractShape(String base) {
        var coordinator = coordinator("shape", base);
        var first = submit(coordinator, "group_workshop", coordinator + "-a", 2);
        var second = submit(coordinator, "group_workshop", coordinator + "-b", 3);
        api.awaitStatus(first, "completed");
        api.awaitStatus(second, "completed");

        var listing = api.get(base + "?coordinator_id=" + coordinator);

        assertEquals(200, listing.status());
        assertEquals("application/json", listing.contentType());
        assertEquals(List.of("data", "pagination"), Json.fieldNames(listing.json()));
        assertEquals(List.of("page", "limit", "total"), Json.fieldNames(listing.json().get("pagination")));
        assertPagination(listing.json(), 1, 20, 2);
        var data = listing.json().get("data");
        assertEquals(List.of(second, first), ids(data));
        for (var job : Json.elements(data)) {
            assertEquals(List.of("id", "coordinator_id", "activity_type", "activity_date", "mentor_count", "status",
                    "success_count", "failure_count", "created_at"), Json.fieldNames(job));
            assertEquals(coordinator, job.get("coordinator_id").asText());
            assertEquals("group_workshop", job.get("activity_type").asText());
            assertEquals("2026-03-28", job.get("activity_date").asText());
            assertEquals("completed", job.get("status").asText());
            assertEquals(job.get("mentor_count").asInt(), job.get("success_count").asInt());
            assertEquals(0, job.get("failure_count").asInt());
            assertTrue(TIMESTAMP.matcher(job.get("created_at").asText()).matches(), job.toString());
        }
        assertEquals(3, data.get(0).get("mentor_count").asInt());
        assertEquals(2, data.get(1).get("mentor_count").asInt());
    }

    @Test
    void withoutPageOrLimitTheFirstTwentyOfAllJobsAreListed() {
        var coordinator = "coord-defaults";
        var submitted = submitMany(coordinator, 23);

        var listing = api.get(Api.BASE).json();

        assertPagination(listing, 1, 20, jobsNotDeleted());
        assertEquals(20, listing.get("data").size());
        assertEquals(newestFirst(submitted).subList(0, 20), ids(listing.get("data")));
    }

    @Test
    void pageAndLimitSelectAConsecutiveSliceNewestFirst() {
        var coordinator = "coord-pages";
        var newest = newestFirst(submitMany(coordinator, 23));
        var query = Api.BASE + "?coordinator_id=" + coordinator;

        var collected = new ArrayList<String>();
        for (int page = 1; page <= 5; page++) {
            var listing = api.get(query + "&limit=5&page=" + page).json();
            assertPagination(listing, page, 5, 23);
            assertEquals(page < 5 ? 5 : 3, listing.get("data").size(), "page " + page);
            collected.addAll(ids(listing.get("data")));
        }
        assertEquals(newest, collected);

        var third = api.get(query + "&page=3&limit=5").json();
        assertEquals(newest.subList(10, 15), ids(third.get("data")));
        var second = api.get(query + "&page=2").json();
        assertPagination(second, 2, 20, 23);
        assertEquals(newest.subList(20, 23), ids(second.get("data")));
        var beyond = api.get(query + "&page=9&limit=5").json();
        assertPagination(beyond, 9, 5, 23);
        assertEquals(0, beyond.get("data").size());
        assertEquals(newest.subList(0, 23), ids(api.get(query + "&limit=100").json().get("data")));
        assertEquals(newest.subList(0, 1), ids(api.get(query + "&limit=1").json().get("data")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "page=-1", "limit=0", "limit=101", "page=x", "limit=ten"})
    void pageAndLimitOutOfBoundsAreRejected(String query) {
        var field = query.substring(0, query.indexOf('='));

        for (var base : List.of(Api.BASE, Api.CONTRACT_BASE)) {
            var answer = api.get(base + "?" + query);

            assertEquals(400, answer.status(), base + "?" + query);
            assertEquals("application/problem+json", answer.contentType());
            assertEquals(field, answer.json().get("errors").get(0).get("field").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void filtersByStatusCoordinatorAndActivityTypeCombine(String base) {
        var coordinator = coordinator("filters", base);
        var workshop = submit(coordinator, "group_workshop", coordinator + "-w", 2);
        var training = submit(coordinator, "training_session", coordinator + "-t", 2);
        var otherCoordinator = submit(coordinator + "-other", "training_session", coordinator + "-o", 2);
        api.awaitStatus(workshop, "completed");
        api.awaitStatus(training, "completed");
        api.awaitStatus(otherCoordinator, "completed");
        var cancelled = submit(coordinator, "training_session", coordinator + "-c", 10_000);
        var removal = api.delete(base + "/" + cancelled);
        assertEquals("Bulk registration job " + cancelled + " cancelled successfully",
                removal.json().get("message").asText());

        assertEquals(List.of(cancelled, training, workshop), listed(base + "?coordinator_id=" + coordinator));
        assertEquals(List.of(cancelled, training), listed(base + "?coordinator_id=" + coordinator
                + "&activity_type=training_session"));
        assertEquals(List.of(training), listed(base + "?coordinator_id=" + coordinator
                + "&activity_type=training_session&status=completed"));
        assertEquals(List.of(cancelled), listed(base + "?coordinator_id=" + coordinator + "&status=cancelled"));
        assertEquals(List.of(), listed(base + "?coordinator_id=" + coordinator + "&status=processing"));
        assertEquals(List.of(), listed(base + "?coordinator_id=" + coordinator + "&activity_type=mentoring"));
        assertEquals(List.of(otherCoordinator), listed(base + "?coordinator_id=" + coordinator + "-other"));
        var byStatus = api.get(base + "?status=cancelled&limit=100").json();
        assertTrue(ids(byStatus.get("data")).contains(cancelled));
        Json.elements(byStatus.get("data")).forEach(job -> assertEquals("cancelled", job.get("status").asText()));
        var filtered = api.get(base + "?coordinator_id=" + coordinator + "&activity_type=training_session").json();
        assertPagination(filtered, 1, 20, 2);
    }

    @Test
    void anUnknownStatusFilterIsRejected() {
        var answer = api.get(Api.BASE + "?status=done");

        assertEquals(400, answer.status());
        assertEquals("status", answer.json().get("errors").get(0).get("field").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {Api.BASE, Api.CONTRACT_BASE})
    void deletedJobsAreNotListed(String base) {
        var coordinator = coordinator("deleted", base);
        var kept = submit(coordinator, "group_workshop", coordinator + "-k", 1);
        var deleted = submit(coordinator, "group_workshop", coordinator + "-d", 1);
        api.awaitStatus(kept, "completed");
        api.awaitStatus(deleted, "completed");

        assertEquals(200, api.delete(base + "/" + deleted).status());

        var listing = api.get(base + "?coordinator_id=" + coordinator).json();
        assertEquals(List.of(kept), ids(listing.get("data")));
        assertPagination(listing, 1, 20, 1);
        assertTrue(!ids(api.get(base + "?limit=100").json().get("data")).contains(deleted));
    }

    private static long jobsNotDeleted() {
        try (var c = app.sql(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM bulk_job WHERE deleted_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String coordinator(String test, String base) {
        return "coord-" + test + (base.equals(Api.BASE) ? "-canonical" : "-contract");
    }

    private static String submit(String coordinator, String activityType, String mentorPrefix, int mentors) {
        var body = Requests.workshopFor(mentorPrefix, mentors);
        body.put("coordinator_id", coordinator);
        body.put("activity_type", activityType);
        var created = api.post(Api.BASE, body);
        assertEquals(202, created.status(), created.raw().body());
        return created.json().get("id").asText();
    }

    /** Submits one-mentor jobs and waits for them all; returns their ids, oldest first. */
    private static List<String> submitMany(String coordinator, int count) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            ids.add(submit(coordinator, "group_workshop", coordinator + "-" + i, 1));
        }
        ids.forEach(id -> api.awaitStatus(id, "completed"));
        return ids;
    }

    private static List<String> newestFirst(List<String> oldestFirst) {
        return oldestFirst.reversed();
    }

    private static List<String> listed(String path) {
        var answer = api.get(path);
        assertEquals(200, answer.status(), answer.raw().body());
        return ids(answer.json().get("data"));
    }

    private static List<String> ids(JsonNode data) {
        return Json.elements(data).stream().map(job -> job.get("id").asText()).toList();
    }

    private static void assertPagination(JsonNode listing, int page, int limit, long total) {
        var pagination = listing.get("pagination");
        assertEquals(page, pagination.get("page").asInt());
        assertEquals(limit, pagination.get("limit").asInt());
        assertEquals(total, pagination.get("total").asLong());
    }
}
