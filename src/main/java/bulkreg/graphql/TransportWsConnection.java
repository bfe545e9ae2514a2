package bulkreg.graphql;

import graphql.ExecutionResult;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import org.reactivestreams.Publisher;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection speaking {@code graphql-transport-ws}. Every failure is handled inside the
 * protocol: an {@code error} message for the operation, or a close with the protocol's code; nothing escapes
 * this listener (Helidon would close with 1011, which the reference client never retries).
 */
final class TransportWsConnection implements WsListener {

    static final String SUBPROTOCOL = "graphql-transport-ws";
    private static final String MALFORMED = "Invalid message received";
    private static final HeaderName PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

    private final GraphQlEngine engine;
    private final WsMessages messages;
    private final GraphQlErrors errors;
    private final GraphQlLimits limits;
    private final ScheduledExecutorService timers;
    private final OpenSockets sockets;
    private final Map<String, OperationStream> operations = new ConcurrentHashMap<>();
    /** The fragments of a message in progress; only the reading thread touches it. */
    private final StringBuilder partial = new StringBuilder();
    private volatile Outbox outbox;
    private volatile boolean initialised;
    private volatile Future<?> initTimeout;
    private volatile Future<?> keepAlive;

    TransportWsConnection(GraphQlEngine engine, WsMessages messages, GraphQlErrors errors, GraphQlLimits limits,
                          ScheduledExecutorService timers, OpenSockets sockets) {
        this.engine = engine;
        this.messages = messages;
        this.errors = errors;
        this.limits = limits;
        this.timers = timers;
        this.sockets = sockets;
    }

    /** Helidon leaves subprotocols to the listener: accept graphql-transport-ws, refuse the upgrade otherwise. */
    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        var offered = headers.all(PROTOCOL, List::of).stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).toList();
        if (!offered.contains(SUBPROTOCOL)) {
            throw new WsUpgradeException("Only the " + SUBPROTOCOL + " subprotocol is spoken at /graphql");
        }
        var answer = WritableHeaders.create();
        answer.set(PROTOCOL, SUBPROTOCOL);
        return Optional.of(answer);
    }

    @Override
    public void onOpen(WsSession session) {
        outbox = new Outbox(session);
        sockets.add(this);
        initTimeout = timers.schedule(() -> inBackground(() -> {
            if (!initialised) {
                close(4408, "Connection initialisation timeout");
            }
        }), limits.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        try {
            if (partial.length() + text.length() > limits.maxRequestBytes()) {
                partial.setLength(0);
                close(1009, "Message larger than " + limits.maxRequestBytes() + " bytes");
                return;
            }
            partial.append(text);
            if (last) {
                var message = partial.toString();
                partial.setLength(0);
                handle(message);
            }
        } catch (RuntimeException e) {
            GraphQlErrors.unexpected("the GraphQL WebSocket", e);
            close(4500, "Internal server error");
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        close(4400, "Binary messages are not part of " + SUBPROTOCOL);
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        ended();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        ended();
    }

    /** The server is stopping: close with 1001 (going away), which clients retry elsewhere. */
    void shutDown() {
        close(1001, "Server shutting down");
    }

    private void handle(String text) {
        var message = messages.read(text);
        if (message.isEmpty()) {
            close(4400, MALFORMED);
            return;
        }
        var m = message.get();
        switch ((String) m.get("type")) {
            case "connection_init" -> init(m);
            case "ping" -> outbox.send(messages.pong());
            case "pong" -> { }
            case "subscribe" -> subscribe(m);
            case "complete" -> complete(m);
            default -> close(4400, MALFORMED + ": unexpected type " + abbreviate((String) m.get("type")));
        }
    }

    private void init(Map<String, Object> message) {
        if (initialised) {
            close(4429, "Too many initialisation requests");
            return;
        }
        var payload = message.get("payload");
        if (payload != null && !(payload instanceof Map)) {
            close(4400, MALFORMED + ": connection_init payload must be an object");
            return;
        }
        initialised = true;
        initTimeout.cancel(false);
        outbox.send(messages.connectionAck());
        long every = limits.keepAlive().toMillis();
        keepAlive = timers.scheduleAtFixedRate(() -> inBackground(() -> outbox.send(messages.ping())), every, every,
                TimeUnit.MILLISECONDS);
    }

    private void subscribe(Map<String, Object> message) {
        if (!initialised) {
            close(4401, "Unauthorized");
            return;
        }
        var request = SubscribeMessage.read(message);
        if (request.isEmpty()) {
            close(4400, MALFORMED + ": subscribe needs a non-empty id and a payload with a query");
            return;
        }
        var id = request.get().id();
        if (operations.containsKey(id)) {
            close(4409, "Subscriber for " + abbreviate(id) + " already exists");
            return;
        }
        if (operations.size() >= limits.maxSubscriptions()) {
            outbox.send(messages.error(id, List.of(GraphQlErrors.requestError("TOO_MANY_SUBSCRIPTIONS",
                    "This connection already runs " + limits.maxSubscriptions() + " operations, the most allowed;"
                            + " complete one first"))));
            return;
        }
        var stream = new OperationStream(id, outbox, messages, errors, () -> operations.remove(id));
        operations.put(id, stream);
        run(id, request.get().request(), stream);
    }

    /** Executes an operation: a subscription streams; a query or mutation answers once and completes. */
    private void run(String id, GraphQlRequest request, OperationStream stream) {
        ExecutionResult result;
        try {
            engine.kind(request);
            result = engine.execute(request);
        } catch (RequestProblem problem) {
            operations.remove(id);
            outbox.send(messages.error(id, List.of(problem.error())));
            return;
        }
        if (result.getData() instanceof Publisher<?> publisher) {
            @SuppressWarnings("unchecked")
            var results = (Publisher<ExecutionResult>) publisher;
            results.subscribe(stream);
            return;
        }
        operations.remove(id);
        if (result.getData() == null && !result.getErrors().isEmpty()) {
            outbox.send(messages.error(id, result.getErrors()));
            return;
        }
        outbox.send(messages.next(id, result.toSpecification()));
        outbox.send(messages.complete(id));
    }

    private void complete(Map<String, Object> message) {
        if (!(message.get("id") instanceof String id)) {
            close(4400, MALFORMED + ": complete needs the operation's id");
            return;
        }
        var stream = operations.remove(id);
        if (stream != null) {
            stream.stop();
        }
    }

    private void close(int code, String reason) {
        var out = outbox;
        if (out != null) {
            out.close(code, reason);
        }
        ended();
    }

    private void ended() {
        sockets.remove(this);
        cancel(initTimeout);
        cancel(keepAlive);
        operations.values().forEach(OperationStream::stop);
        operations.clear();
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Timer work that sends runs on a virtual thread, so one stuck socket cannot hold up every timer. */
    private static void inBackground(Runnable work) {
        Thread.ofVirtual().name("graphql-ws-timer").start(work);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
