package bulkreg.graphql;

import graphql.ExecutionResult;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.List;

/**
 * Sends one subscription's results to its WebSocket as {@code next} messages. It asks for one event at a
 * time and asks for the next only after the previous one is written, so a slow client holds at most one
 * event here, and the core's publisher (which reads only on demand) holds none: nothing buffers without
 * bound and no job worker waits. A client {@code complete} stops it at once: no message follows it.
 */
final class OperationStream implements Subscriber<ExecutionResult> {

    private final String id;
    private final Outbox outbox;
    private final WsMessages messages;
    private final GraphQlErrors errors;
    private final Runnable ended;
    private volatile Subscription subscription;
    private volatile boolean stopped;

    /**
     * @param ended told once when the stream ends by itself (completion or failure), not when stopped
     */
    OperationStream(String id, Outbox outbox, WsMessages messages, GraphQlErrors errors, Runnable ended) {
        this.id = id;
        this.outbox = outbox;
        this.messages = messages;
        this.errors = errors;
        this.ended = ended;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        if (stopped) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(ExecutionResult result) {
        if (outbox.send(messages.next(id, result.toSpecification()), () -> !stopped)) {
            subscription.request(1);
        } else {
            stop();
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (end()) {
            outbox.send(messages.error(id, List.of(errors.streamError(failure, id))), () -> true);
        }
    }

    @Override
    public void onComplete() {
        if (end()) {
            outbox.send(messages.complete(id), () -> true);
        }
    }

    /** Stops the stream at once: the client completed it, or the socket closed. */
    void stop() {
        stopped = true;
        var s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private boolean end() {
        if (stopped) {
            return false;
        }
        stopped = true;
        ended.run();
        return true;
    }
}
