package bulkreg.graphql;

import bulkreg.support.GraphQlClient;
import bulkreg.support.GraphQlSocket;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Many subscribers of one job over several sockets, most asking exactly the same thing (as the fan-out
 * benchmark's do), others differing only in selection, variables or operation name: each selection runs once
 * per event, and every subscriber still gets its own complete, ordered stream under its own id. They
 * subscribe on an instance without workers, and the job runs once another instance starts, so that every
 * subscriber follows it from the start however fast the machine is.
 */
class SharedSubscriptionsIT {

    private static final int MENTORS = 3_000;
    private static final String COUNTS = """
            subscription($id: ID!) {
              bulkRegistrationProgress(id: $id) { sequence kind status progress { processed total percent } }
            }""";
    /** The same document, told apart by a variable alone. */
    private static final String MAYBE_COUNTS = """
            subscription($id: ID!, $counts: Boolean!) {
              bulkRegistrationProgress(id: $id) {
                sequence kind status progress @include(if: $counts) { processed total percent }
              }
            }""";
    /** The same document and variables, told apart by the operation name alone. */
    private static final String TWO_OPERATIONS = """
            subscription Counts($id: ID!) {
              bulkRegistrationProgress(id: $id) { sequence kind status progress { processed total percent } }
            }
            subscription Kinds($id: ID!) { bulkRegistrationProgress(id: $id) { sequence kind status } }""";
    private static final Set<String> COUNT_FIELDS = Set.of("sequence", "kind", "status", "progress");
    private static final Set<String> KIND_FIELDS = Set.of("sequence", "kind", "status");
    private static final Set<String> EVERY_FIELD = Set.of("sequence", "kind", "bulkRegistrationId", "coordinatorId",
            "status", "successCount", "failureCount", "mentorCount", "progress", "changedResults", "occurredAt");

    /** One subscription as asked, and what it received. */
    private record Operation(String id, String document, String operationName, Map<String, Object> variables,
                             Set<String> fields, List<JsonNode> events) {

        Operation(String id, String document, String operationName, Map<String, Object> variables,
                  Set<String> fields) {
            this(id, document, operationName, variables, fields, new ArrayList<>());
        }

        /** What its payloads depend on: operations with equal selections may share them. */
        List<Object> selection() {
            return List.of(document, String.valueOf(operationName), variables);
        }
    }

    @Test
    void eachSelectionRunsOncePerEventAndEverySubscriberGetsItsOwnCompleteStream() throws Exception {
        var database = TestDatabase.fresh();
        try (var serving = TestApp.serveOnly(database, 100)) {
            var job = create(serving, Requests.mentors("shared", MENTORS));
            var sockets = List.of(GraphQlSocket.open(serving.port()).init(),
                    GraphQlSocket.open(serving.port()).init(), GraphQlSocket.open(serving.port()).init());
            try {
                var plans = new ArrayList<Map<String, Operation>>();
                for (var socket : sockets) {
                    plans.add(subscribeAll(socket, operations(job)));
                }
                try (var worker = TestApp.start(database, 100)) {
                    for (int i = 0; i < sockets.size(); i++) {
                        follow(sockets.get(i), plans.get(i));
                    }
                }
                var all = plans.stream().flatMap(p -> p.values().stream()).toList();
                all.forEach(SharedSubscriptionsIT::assertCompleteAndInOrder);
                assertOneExecutionPerSelectionAndEvent(all, serving.graphQlSubscriptions());
            } finally {
                sockets.forEach(GraphQlSocket::close);
            }
        }
    }

    /** The same operation ids on every socket: ten alike, and pairs differing from them in one thing each. */
    private static Map<String, Operation> operations(String job) {
        var operations = new LinkedHashMap<String, Operation>();
        var id = Map.<String, Object>of("id", job);
        for (int i = 0; i < 10; i++) {
            operations.put("same-" + i, new Operation("same-" + i, COUNTS, null, id, COUNT_FIELDS));
        }
        for (int i = 0; i < 2; i++) {
            operations.put("all-" + i, new Operation("all-" + i, Documents.PROGRESS, null, id, EVERY_FIELD));
            operations.put("with-" + i, new Operation("with-" + i, MAYBE_COUNTS, null,
                    Map.of("id", job, "counts", true), COUNT_FIELDS));
            operations.put("without-" + i, new Operation("without-" + i, MAYBE_COUNTS, null,
                    Map.of("id", job, "counts", false), KIND_FIELDS));
        }
        operations.put("counts", new Operation("counts", TWO_OPERATIONS, "Counts", id, COUNT_FIELDS));
        operations.put("kinds", new Operation("kinds", TWO_OPERATIONS, "Kinds", id, KIND_FIELDS));
        return operations;
    }

    private static Map<String, Operation> subscribeAll(GraphQlSocket socket, Map<String, Operation> operations) {
        for (var operation : operations.values()) {
            var payload = new HashMap<String, Object>();
            payload.put("query", operation.document());
            payload.put("variables", operation.variables());
            if (operation.operationName() != null) {
                payload.put("operationName", operation.operationName());
            }
            socket.send(Map.of("id", operation.id(), "type", "subscribe", "payload", payload));
        }
        return operations;
    }

    /** Reads the socket until each of its operations has completed; a message for any other id fails. */
    private static void follow(GraphQlSocket socket, Map<String, Operation> operations) {
        var open = new HashSet<>(operations.keySet());
        while (!open.isEmpty()) {
            var message = socket.next();
            var id = message.path("id").asText();
            var operation = operations.get(id);
            assertNotNull(operation, "a message for an operation this socket never started: " + message);
            assertTrue(open.contains(id), "a message after the operation completed: " + message);
            switch (message.path("type").asText()) {
                case "next" -> operation.events().add(event(message));
                case "complete" -> open.remove(id);
                default -> fail("unexpected message " + message);
            }
        }
    }

    private static JsonNode event(JsonNode message) {
        assertTrue(message.path("payload").path("errors").isMissingNode(), message.toString());
        return message.path("payload").path("data").path("bulkRegistrationProgress");
    }

    /** Its own fields in every payload, the snapshot first, then rising sequences and counts, the final state last. */
    private static void assertCompleteAndInOrder(Operation operation) {
        var events = operation.events();
        assertEquals("SNAPSHOT", events.getFirst().path("kind").asText(), operation.id());
        long sequence = -1;
        int processed = -1;
        int changed = 0;
        for (var event : events) {
            var fields = new HashSet<String>();
            event.fieldNames().forEachRemaining(fields::add);
            assertEquals(operation.fields(), fields, operation.id() + " got the payload of another selection");
            long now = Long.parseLong(event.path("sequence").asText());
            assertTrue(now > sequence || event == events.getFirst(), operation.id() + ": events out of order");
            sequence = now;
            if (event.has("progress")) {
                assertEquals(MENTORS, event.path("progress").path("total").asInt(), operation.id());
                assertTrue(event.path("progress").path("processed").asInt() >= processed, operation.id());
                processed = event.path("progress").path("processed").asInt();
            }
            changed += event.path("changedResults").size();
        }
        assertTrue(events.size() > 2, operation.id() + " followed the job as it ran: " + events.size());
        assertEquals("COMPLETED", events.getLast().path("status").asText(), operation.id());
        if (operation.fields().contains("changedResults")) {
            assertEquals(MENTORS, changed, operation.id() + ": every mentor appears once in a chunk's results");
        }
    }

    /**
     * Every payload was either executed or shared: each snapshot (taken for one subscription alone) executed,
     * and of the rest each selection ran once per event, whoever received that event.
     */
    private static void assertOneExecutionPerSelectionAndEvent(List<Operation> all, SubscriptionGauge gauge) {
        long payloads = all.stream().mapToLong(o -> o.events().size()).sum();
        var selectionsAndEvents = new LinkedHashSet<List<Object>>();
        for (var operation : all) {
            for (var event : operation.events().subList(1, operation.events().size())) {
                var key = new ArrayList<>(operation.selection());
                key.add(event.path("sequence").asText());
                selectionsAndEvents.add(key);
            }
        }
        assertEquals(payloads, gauge.executed() + gauge.shared(), "every payload was executed or shared");
        assertEquals(all.size() + selectionsAndEvents.size(), gauge.executed(),
                "one execution per snapshot, and one per selection and event");
        assertTrue(gauge.shared() > payloads / 2, "most payloads were shared: " + gauge.shared() + " of " + payloads);
    }

    private static String create(TestApp app, List<String> mentors) {
        var payload = new GraphQlClient(app.port()).query(Documents.CREATE,
                        Documents.input(Documents.workshop("coord-shared", mentors)))
                .path("data").path("createBulkRegistration");
        return payload.path("bulkRegistration").path("id").asText();
    }
}
