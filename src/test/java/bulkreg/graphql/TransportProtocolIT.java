package bulkreg.graphql;

import bulkreg.support.GraphQlSocket;
import bulkreg.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** graphql-transport-ws over a real java.net.http.WebSocket: the handshake, ping/pong and each close code. */
class TransportProtocolIT {

    private static final Duration CLOSE = Duration.ofSeconds(5);
    private static final String FOREVER = "subscription { bulkRegistrationEvents(coordinatorId: \"nobody\") { kind } }";
    private static TestApp app;

    @BeforeAll
    static void start() {
        var limits = new GraphQlLimits(12, 20_000, 2, Duration.ofMillis(500), Duration.ofMillis(300), 1 << 20);
        app = TestApp.start(TestApp.settings(limits, Duration.ofMillis(100)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theSubprotocolIsNegotiatedAndOthersAreRefused() {
        try (var socket = GraphQlSocket.open(app.port())) {
            assertEquals("graphql-transport-ws", socket.subprotocol());
        }
        assertThrows(IllegalStateException.class, () -> GraphQlSocket.open(app.port(), "graphql-ws", true));
    }

    @Test
    void noConnectionInitInTimeIs4408() {
        try (var socket = GraphQlSocket.open(app.port())) {
            assertEquals(4408, socket.awaitClose(CLOSE).code());
        }
    }

    @Test
    void malformedMessagesAre4400() {
        for (var text : new String[] {"not json", "[]", "{\"payload\": {}}", "{\"type\": \"nonsense\"}",
                "{\"type\": \"next\", \"id\": \"1\"}"}) {
            try (var socket = GraphQlSocket.open(app.port()).init()) {
                socket.sendText(text);
                assertEquals(4400, socket.awaitClose(CLOSE).code(), text);
            }
        }
        try (var socket = GraphQlSocket.open(app.port()).init()) {
            socket.send(Map.of("type", "subscribe", "id", "1", "payload", Map.of("variables", Map.of())));
            assertEquals(4400, socket.awaitClose(CLOSE).code());
        }
    }

    @Test
    void subscribeBeforeTheAckIs4401() {
        try (var socket = GraphQlSocket.open(app.port())) {
            socket.subscribe("1", FOREVER, Map.of());
            assertEquals(4401, socket.awaitClose(CLOSE).code());
        }
    }

    @Test
    void aReusedIdIs4409() {
        try (var socket = GraphQlSocket.open(app.port()).init()) {
            socket.subscribe("same", FOREVER, Map.of());
            socket.subscribe("same", FOREVER, Map.of());
            var closed = socket.awaitClose(CLOSE);
            assertEquals(4409, closed.code());
            assertEquals("Subscriber for same already exists", closed.reason());
        }
    }

    @Test
    void aSecondInitIs4429() {
        try (var socket = GraphQlSocket.open(app.port()).init()) {
            socket.send(Map.of("type", "connection_init"));
            assertEquals(4429, socket.awaitClose(CLOSE).code());
        }
    }

    @Test
    void pingsAreAnsweredBothWaysAndKeepTheSocketOpen() throws InterruptedException {
        try (var socket = GraphQlSocket.open(app.port(), "graphql-transport-ws", false)) {
            socket.send(Map.of("type", "ping"));
            assertEquals("pong", socket.next().path("type").asText());
            socket.send(Map.of("type", "connection_init"));
            assertEquals("connection_ack", socket.next().path("type").asText());
            assertEquals("ping", socket.next(Duration.ofSeconds(5)).path("type").asText(), "the server's keep-alive");
            socket.send(Map.of("type", "pong"));
            Thread.sleep(700);
            assertFalse(socket.isClosed());
        }
    }

    @Test
    void errorsOfOneOperationAreErrorMessagesAndTheSocketStaysOpen() throws InterruptedException {
        try (var socket = GraphQlSocket.open(app.port()).init()) {
            socket.subscribe("unknown", "subscription { bulkRegistrationProgress(id: \"bulk-999999\") { kind } }",
                    Map.of());
            var notFound = socket.next();
            assertEquals("error", notFound.path("type").asText());
            assertEquals("unknown", notFound.path("id").asText());
            assertEquals("NOT_FOUND", notFound.path("payload").path(0).path("extensions").path("code").asText());

            socket.subscribe("syntax", "subscription {", Map.of());
            assertEquals("error", socket.next().path("type").asText());
            socket.subscribe("invalid", "subscription { nonsense }", Map.of());
            var invalid = socket.next();
            assertEquals("error", invalid.path("type").asText());
            assertEquals("invalid", invalid.path("id").asText());

            socket.subscribe("a", FOREVER, Map.of());
            socket.subscribe("b", FOREVER, Map.of());
            socket.subscribe("c", FOREVER, Map.of());
            var limit = socket.next();
            assertEquals("c", limit.path("id").asText());
            assertEquals("TOO_MANY_SUBSCRIPTIONS", limit.path("payload").path(0).path("extensions").path("code")
                    .asText());
            socket.complete("a");
            socket.subscribe("c", FOREVER, Map.of());
            socket.complete("c");

            socket.subscribe("query", "{ bulkRegistrations { totalCount } }", Map.of());
            var answer = socket.next();
            assertEquals("next", answer.path("type").asText());
            assertTrue(answer.path("payload").path("data").path("bulkRegistrations").has("totalCount"));
            assertEquals("complete", socket.next().path("type").asText());
            assertNull(socket.poll(Duration.ofMillis(200)));
            assertFalse(socket.isClosed());
        }
    }

    @Test
    void aStoppingServerClosesItsSocketsWith1001() {
        var limits = GraphQlLimits.defaults(1 << 20);
        var own = TestApp.start(TestApp.settings(limits, Duration.ofMillis(100)));
        var socket = GraphQlSocket.open(own.port()).init();
        socket.subscribe("1", FOREVER, Map.of());
        own.close();
        assertEquals(1001, socket.awaitClose(CLOSE).code());
        socket.close();
    }
}
