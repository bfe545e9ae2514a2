package bulkreg.support;

import bulkreg.core.JobEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** A Flow subscriber that records events, requesting one at a time, optionally pausing after each. */
public final class EventRecorder implements Flow.Subscriber<JobEvent> {

    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<JobEvent>> done = new CompletableFuture<>();
    private final Duration pause;
    private volatile Flow.Subscription subscription;

    public EventRecorder(Duration pause) {
        this.pause = pause;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(JobEvent event) {
        events.add(event);
        if (!pause.isZero()) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        done.complete(List.copyOf(events));
    }

    public List<JobEvent> events() {
        return List.copyOf(events);
    }

    public void cancel() {
        subscription.cancel();
    }

    /** Waits for completion and returns every event. */
    public List<JobEvent> awaitCompletion(Duration timeout) throws Exception {
        return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
