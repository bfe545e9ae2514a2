package bulkreg.bench;

import bulkreg.grpc.v1.JobEventKind;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;
import io.grpc.stub.StreamObserver;

/**
 * One gRPC watcher of the fan-out (WatchBulkRegistration on the async stub): records each event in its
 * {@link Follower} when it is delivered. The response (the event and the chunk's changed results) is
 * dropped at once. The event's {@code occur_time} is not used: it is the chunk transaction's start, and
 * the first chunk's transaction starts before the fan-out lets it through.
 */
final class GrpcWatcher implements StreamObserver<WatchBulkRegistrationResponse> {

    private final Follower follower;

    GrpcWatcher(Follower follower) {
        this.follower = follower;
    }

    @Override
    public void onNext(WatchBulkRegistrationResponse response) {
        long arrived = System.nanoTime();
        var event = response.getEvent();
        if (event.getKind() == JobEventKind.JOB_EVENT_KIND_SNAPSHOT) {
            follower.snapshot();
            return;
        }
        boolean finalState = event.getStatus() == JobStatus.JOB_STATUS_COMPLETED
                && event.getProcessedCount() == event.getMentorCount();
        follower.event(event.getSequence(), arrived, finalState);
    }

    @Override
    public void onError(Throwable error) {
        follower.failed(error.toString());
    }

    @Override
    public void onCompleted() {
        follower.completed();
    }
}
