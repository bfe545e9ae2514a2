package bulkreg.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code java.net.http.WebSocket} client speaking graphql-transport-ws to /graphql: sends raw text or
 * protocol messages, and hands back each message the server sends, and how it closed the socket.
 */
public final class GraphQlSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** How the server closed the socket. */
    public record Closed(int code, String reason) {
    }

    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final boolean answerPings;
    private final WebSocket socket;

    private GraphQlSocket(int port, String subprotocol, boolean answerPings) {
        this.answerPings = answerPings;
        try {
            this.socket = CLIENT.newWebSocketBuilder().subprotocols(subprotocol)
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), new Listener())
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open the GraphQL WebSocket: " + e.getMessage(), e);
        }
    }

    /** Opens a socket that answers the server's pings by itself. */
    public static GraphQlSocket open(int port) {
        return new GraphQlSocket(port, "graphql-transport-ws", true);
    }

    public static GraphQlSocket open(int port, String subprotocol, boolean answerPings) {
        return new GraphQlSocket(port, subprotocol, answerPings);
    }

    /** The subprotocol the server chose. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends connection_init and waits for connection_ack. */
    public GraphQlSocket init() {
        send(Map.of("type", "connection_init", "payload", Map.of()));
        var ack = next();
        if (!"connection_ack".equals(ack.path("type").asText())) {
            throw new AssertionError("expected connection_ack, got " + ack);
        }
        return this;
    }

    public void subscribe(String id, String document, Map<String, Object> variables) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("query", document);
        payload.put("variables", variables);
        send(Map.of("id", id, "type", "subscribe", "payload", payload));
    }

    public void complete(String id) {
        send(Map.of("id", id, "type", "complete"));
    }

    public void send(Map<String, ?> message) {
        try {
            sendText(JSON.writeValueAsString(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message, waiting up to 30 seconds. */
    public JsonNode next() {
        return next(Duration.ofSeconds(30));
    }

    public JsonNode next(Duration timeout) {
        try {
            var message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + timeout
                        + (closed.isDone() ? "; the socket closed: " + closed.join() : ""));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A message if one arrives within the timeout, else null. */
    public JsonNode poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the server closes the socket. */
    public Closed awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the server did not close the socket within " + timeout, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                var text = partial.toString();
                partial.setLength(0);
                accept(webSocket, text);
            }
            webSocket.request(1);
            return null;
        }

        private void accept(WebSocket webSocket, String text) {
            try {
                var message = JSON.readTree(text);
                if (answerPings && "ping".equals(message.path("type").asText())) {
                    webSocket.sendText("{\"type\":\"pong\"}", true);
                    return;
                }
                received.add(message);
            } catch (IOException e) {
                received.add(JSON.createObjectNode().put("unparsable", text));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
