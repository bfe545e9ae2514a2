package bulkreg.support;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Records the messages of a server stream. Reads everything as it comes, or, with {@link #manual()}, only as
 * many messages as {@link #request} asked for, as a slow reader would.
 */
public final class StreamRecorder<Q, T> implements ClientResponseObserver<Q, T> {

    private final List<T> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<T>> done = new CompletableFuture<>();
    private final boolean manual;
    private volatile ClientCallStreamObserver<Q> call;

    private StreamRecorder(boolean manual) {
        this.manual = manual;
    }

    public static <Q, T> StreamRecorder<Q, T> reading() {
        return new StreamRecorder<>(false);
    }

    /** Asks for no message until {@link #request} is called. */
    public static <Q, T> StreamRecorder<Q, T> manual() {
        return new StreamRecorder<>(true);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> call) {
        this.call = call;
        if (manual) {
            call.disableAutoRequestWithInitial(0);
        }
    }

    @Override
    public void onNext(T message) {
        messages.add(message);
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        done.complete(List.copyOf(messages));
    }

    public void request(int count) {
        call.request(count);
    }

    public void cancel() {
        call.cancel("the test is done with it", null);
    }

    public List<T> messages() {
        return List.copyOf(messages);
    }

    public boolean isDone() {
        return done.isDone();
    }

    public List<T> awaitCompletion(Duration timeout) throws Exception {
        return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until a received message matches, and returns everything received so far. */
    public List<T> awaitMessage(Predicate<T> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var received = messages();
            if (received.stream().anyMatch(wanted)) {
                return received;
            }
            if (done.isDone()) {
                return fail("the stream ended first: " + failure());
            }
            GrpcClient.pause(20);
        }
        return fail("no such message within " + timeout + "; got " + messages.size());
    }

    /** Waits for the stream to fail, and returns its status code. */
    public Status.Code awaitFailure(Duration timeout) throws Exception {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return fail("the stream completed normally");
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause()).getCode();
        }
    }

    public StatusRuntimeException failure() {
        if (!done.isCompletedExceptionally()) {
            return null;
        }
        return Status.fromThrowable(done.exceptionNow()).asRuntimeException();
    }

    public void assertReceived(int count) {
        assertEquals(count, messages.size());
    }
}
