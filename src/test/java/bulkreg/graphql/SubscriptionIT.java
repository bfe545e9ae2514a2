package bulkreg.graphql;

import bulkreg.support.GraphQlClient;
import bulkreg.support.GraphQlSocket;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live progress over graphql-transport-ws, followed to the end on a real 10,000-mentor job. */
class SubscriptionIT {

    private static TestApp app;
    private static GraphQlClient graphQl;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        graphQl = new GraphQlClient(app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aTenThousandMentorJobIsFollowedFromSnapshotToCompletionWithEveryCountRising() {
        try (var socket = GraphQlSocket.open(app.port()).init()) {
            var id = create("coord-live", Requests.mentors("live", 10_000));
            socket.subscribe("progress", Documents.PROGRESS, Map.of("id", id));

            var events = new ArrayList<JsonNode>();
            JsonNode message;
            while ((message = socket.next()).path("type").asText().equals("next")) {
                assertEquals("progress", message.path("id").asText());
                assertTrue(message.path("payload").path("errors").isMissingNode(), message.toString());
                events.add(message.path("payload").path("data").path("bulkRegistrationProgress"));
            }
            assertEquals("complete", message.path("type").asText(), message.toString());

            var snapshot = events.getFirst();
            assertEquals("SNAPSHOT", snapshot.path("kind").asText());
            int processed = -1;
            long sequence = -1;
            int changed = 0;
            for (var event : events) {
                assertEquals(id, event.path("bulkRegistrationId").asText());
                assertEquals(10_000, event.path("mentorCount").asInt());
                assertEquals(10_000, event.path("progress").path("total").asInt());
                int now = event.path("progress").path("processed").asInt();
                assertTrue(now >= processed, "processed went back from " + processed + " to " + now);
                assertEquals(now, event.path("successCount").asInt() + event.path("failureCount").asInt());
                assertTrue(Long.parseLong(event.path("sequence").asText()) >= sequence, "events out of order");
                processed = now;
                sequence = Long.parseLong(event.path("sequence").asText());
                if (!event.path("kind").asText().equals("SNAPSHOT")) {
                    changed += event.path("changedResults").size();
                    assertTrue(event.path("changedResults").size() > 0, "each chunk changes results");
                }
            }
            var last = events.getLast();
            assertEquals("COMPLETED", last.path("status").asText());
            assertEquals(10_000, last.path("successCount").asInt());
            assertEquals(100.0, last.path("progress").path("percent").asDouble());
            assertEquals(10_000 - snapshot.path("progress").path("processed").asInt(), changed,
                    "every mentor processed after the snapshot appears once in a chunk's changed results");
            assertTrue(events.size() > 50, "one event per 100-mentor chunk, got " + events.size());
        }
    }

    @Test
    void aFinishedJobGivesItsFinalStateAndCompletes() {
        var id = create("coord-done", Requests.mentors("done", 3));
        app.api().awaitStatus(id, "completed");
        try (var socket = GraphQlSocket.open(app.port()).init()) {
            socket.subscribe("1", Documents.PROGRESS, Map.of("id", id));
            var only = socket.next();
            assertEquals("SNAPSHOT", only.path("payload").path("data").path("bulkRegistrationProgress").path("kind")
                    .asText());
            assertEquals("COMPLETED", only.path("payload").path("data").path("bulkRegistrationProgress")
                    .path("status").asText());
            assertEquals("complete", socket.next().path("type").asText());
        }
    }

    @Test
    void aClientCompleteStopsItsStreamAtOnce() throws InterruptedException {
        try (var socket = GraphQlSocket.open(app.port()).init()) {
            var id = create("coord-stop", Requests.mentors("stop", 10_000));
            socket.subscribe("watch", Documents.PROGRESS, Map.of("id", id));
            assertEquals("next", socket.next().path("type").asText());
            socket.complete("watch");
            int after = 0;
            while (socket.poll(Duration.ofMillis(500)) != null) {
                after++;
            }
            assertTrue(after <= 1, "at most a message already on the wire may follow a complete; got " + after);
            socket.send(Map.of("type", "ping"));
            assertEquals("pong", socket.next().path("type").asText());
        }
    }

    @Test
    void aCoordinatorsFeedShowsJobsCreatedAndFinished() {
        try (var socket = GraphQlSocket.open(app.port()).init()) {
            socket.subscribe("feed", "subscription($c: String!) { bulkRegistrationEvents(coordinatorId: $c) "
                    + "{ kind bulkRegistrationId status coordinatorId } }", Map.of("c", "coord-feed"));
            // a job of someone else, then one of ours
            create("coord-other", Requests.mentors("other", 2));
            var id = create("coord-feed", Requests.mentors("feed", 2));

            var kinds = new ArrayList<String>();
            for (int i = 0; i < 2; i++) {
                var event = socket.next().path("payload").path("data").path("bulkRegistrationEvents");
                assertEquals(id, event.path("bulkRegistrationId").asText());
                kinds.add(event.path("kind").asText());
            }
            assertEquals(List.of("CREATED", "COMPLETED"), kinds);
        }
    }

    private static String create(String coordinator, List<String> mentors) {
        var payload = graphQl.query(Documents.CREATE, Documents.input(Documents.workshop(coordinator, mentors)))
                .path("data").path("createBulkRegistration");
        return payload.path("bulkRegistration").path("id").asText();
    }
}
