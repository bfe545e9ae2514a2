package bulkreg.grpc;

import bulkreg.core.JobEvent;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Streams the core's job events to a gRPC call at the reader's pace, in the manner of grpc-java's
 * manualflowcontrol example: one event is requested from the publisher at a time, and the next only once
 * the call {@code isReady()} again (an on-ready callback asks for it when the transport drains). So nothing
 * waits in memory for a slow reader but the transport's own bounded buffer. Client cancellation and an
 * expired deadline cancel the subscription at once.
 *
 * <p>The publisher signals on a thread of its own, one signal at a time; the call's callbacks arrive on
 * gRPC's executor. They meet only in {@link #owed}, which hands each request to exactly one of them.
 */
final class EventStream<M> implements Flow.Subscriber<JobEvent> {

    private final ServerCallStreamObserver<M> call;
    private final Function<JobEvent, M> toMessage;
    private final StreamGauge gauge;
    /** Set once the subscription has ended, whichever way, so that the gauge counts it closed once. */
    private final AtomicBoolean ended = new AtomicBoolean();
    /** True while the next event is owed to the call, to be requested as soon as it is ready. */
    private final AtomicBoolean owed = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    private EventStream(ServerCallStreamObserver<M> call, Function<JobEvent, M> toMessage, StreamGauge gauge) {
        this.call = call;
        this.toMessage = toMessage;
        this.gauge = gauge;
    }

    /** Subscribes the call to the publisher; registers the call's callbacks before the handler returns. */
    static <M> void start(Flow.Publisher<JobEvent> events, StreamObserver<M> responses,
                          Function<JobEvent, M> toMessage, StreamGauge gauge) {
        var call = (ServerCallStreamObserver<M>) responses;
        var stream = new EventStream<>(call, toMessage, gauge);
        gauge.opened();
        call.setOnCancelHandler(stream::cancel);
        call.setOnReadyHandler(stream::ready);
        events.subscribe(stream);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
            return;
        }
        requestWhenReady();
    }

    @Override
    public void onNext(JobEvent event) {
        call.onNext(toMessage.apply(event));
        requestWhenReady();
    }

    @Override
    public void onError(Throwable failure) {
        end();
        if (!cancelled) {
            call.onError(GrpcErrors.toStatus(failure));
        }
    }

    @Override
    public void onComplete() {
        end();
        if (!cancelled) {
            call.onCompleted();
        }
    }

    /** Owes the next event; requests it now if the call can take it, else the on-ready callback will. */
    private void requestWhenReady() {
        owed.set(true);
        if (call.isReady() && owed.compareAndSet(true, false)) {
            take(subscription);
        }
    }

    private void ready() {
        var s = subscription;
        if (s != null && owed.compareAndSet(true, false)) {
            take(s);
        }
    }

    private void take(Flow.Subscription s) {
        gauge.took(1);
        s.request(1);
    }

    private void cancel() {
        cancelled = true;
        end();
        var s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            gauge.closed();
        }
    }
}
