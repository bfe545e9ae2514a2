package bulkreg.core;

import java.util.concurrent.Flow;

/**
 * Wakes this instance's workers when any instance commits new work (a job created or re-queued), so that a
 * job posted to a serve-only or busy instance starts at once elsewhere instead of after a poll interval.
 * The poll stays as the fallback for a lost notification.
 */
public final class WakeOnNewWork implements Flow.Subscriber<JobEvent> {

    private final NewWork worker;

    public WakeOnNewWork(NewWork worker) {
        this.worker = worker;
    }

    /** The events worth waking for. */
    public static boolean isNewWork(JobEvent event) {
        return event.kind() == JobEventKind.CREATED || event.kind() == JobEventKind.RETRIED;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(JobEvent event) {
        if (event.kind() == JobEventKind.CREATED) {
            worker.created(event.jobId());
        } else {
            worker.available();
        }
    }

    @Override
    public void onError(Throwable failure) {
        // the hub closes with the instance; nothing to wake any more
    }

    @Override
    public void onComplete() {
        // never completes while the instance runs
    }
}
