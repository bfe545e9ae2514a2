package bulkreg.bench;

import bulkreg.grpc.v1.JobEventKind;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.time.Instant;

/**
 * One gRPC watcher of the fan-out (WatchBulkRegistration on the async stub): records each event in its
 * {@link Follower} when it is delivered, with the time since the event's own {@code occur_time}. The
 * response (event and the chunk's changed results) is dropped at once.
 */
final class GrpcWatcher implements StreamObserver<WatchBulkRegistrationResponse> {

    private final Follower follower;

    GrpcWatcher(Follower follower) {
        this.follower = follower;
    }

    @Override
    public void onNext(WatchBulkRegistrationResponse response) {
        long arrived = System.nanoTime();
        var now = Instant.now();
        var event = response.getEvent();
        if (event.getKind() == JobEventKind.JOB_EVENT_KIND_SNAPSHOT) {
            follower.snapshot();
            return;
        }
        var occurred = Instant.ofEpochSecond(event.getOccurTime().getSeconds(), event.getOccurTime().getNanos());
        boolean finalState = event.getStatus() == JobStatus.JOB_STATUS_COMPLETED
                && event.getProcessedCount() == event.getMentorCount();
        follower.event(event.getSequence(), arrived, Duration.between(occurred, now).toNanos(), finalState);
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
