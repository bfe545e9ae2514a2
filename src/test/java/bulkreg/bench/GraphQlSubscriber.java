package bulkreg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One graphql-transport-ws subscriber of the fan-out: connection_init, then once acknowledged a subscribe to
 * {@code bulkRegistrationProgress(id)}; answers the server's pings; records each event in its
 * {@link Follower}. A message is timed when its last fragment arrives. The selection is what a progress
 * display needs, so messages are small and nothing is kept but the sequence and the arrival time.
 */
final class GraphQlSubscriber implements WebSocket.Listener {

    static final String SUBSCRIPTION = "subscription($id: ID!) { bulkRegistrationProgress(id: $id) "
            + "{ sequence kind status progress { processed total percent } } }";
    /** Far above any message of this selection; a longer one fails the subscriber instead of filling memory. */
    private static final int MAX_MESSAGE = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jobId;
    private final Follower follower;
    private final StringBuilder message = new StringBuilder();
    /** Sends one at a time, as java.net.http.WebSocket requires. */
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

    GraphQlSubscriber(String jobId, Follower follower) {
        this.jobId = jobId;
        this.follower = follower;
    }

    @Override
    public void onOpen(WebSocket socket) {
        send(socket, "{\"type\":\"connection_init\"}");
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        message.append(data);
        if (message.length() > MAX_MESSAGE) {
            follower.failed("a message longer than " + MAX_MESSAGE + " characters");
            socket.abort();
            return null;
        }
        if (last) {
            long arrived = System.nanoTime();
            var text = message.toString();
            message.setLength(0);
            handle(socket, text, arrived);
        }
        socket.request(1);
        return null;
    }

    private void handle(WebSocket socket, String text, long arrived) {
        try {
            var json = JSON.readTree(text);
            switch (json.path("type").asText()) {
                case "connection_ack" -> send(socket, """
                        {"id":"1","type":"subscribe","payload":{"query":"%s","variables":{"id":"%s"}}}"""
                        .formatted(SUBSCRIPTION, jobId));
                case "ping" -> send(socket, "{\"type\":\"pong\"}");
                case "next" -> next(json.path("payload").path("data").path("bulkRegistrationProgress"), arrived);
                case "complete" -> {
                    follower.completed();
                    send(socket, null);
                }
                case "error" -> {
                    follower.failed("error: " + json.path("payload"));
                    send(socket, null);
                }
                default -> { }
            }
        } catch (Exception e) {
            follower.failed("unreadable message: " + e.getMessage());
        }
    }

    private void next(JsonNode event, long arrived) {
        if ("SNAPSHOT".equals(event.path("kind").asText())) {
            follower.snapshot();
            return;
        }
        var progress = event.path("progress");
        boolean finalState = "COMPLETED".equals(event.path("status").asText())
                && progress.path("processed").asInt() == progress.path("total").asInt();
        follower.event(Long.parseLong(event.path("sequence").asText()), arrived, finalState);
    }

    /** Queues a text message, or the closing handshake when {@code text} is null. */
    private synchronized void send(WebSocket socket, String text) {
        sending = sending.thenCompose(ignored -> text == null
                ? socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                : socket.sendText(text, true));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        follower.failed("closed " + statusCode + " " + reason); // no-op after complete
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        follower.failed(error.toString());
    }
}
