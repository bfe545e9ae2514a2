package bulkreg.grpc;

import bulkreg.core.Job;
import bulkreg.core.JobSummary;
import bulkreg.grpc.v1.BulkRegistration;
import bulkreg.grpc.v1.BulkRegistrationSummary;
import bulkreg.grpc.v1.ItemError;
import bulkreg.grpc.v1.ItemStatus;
import bulkreg.grpc.v1.JobEvent;
import bulkreg.grpc.v1.JobEventKind;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.MentorResult;
import com.google.protobuf.Timestamp;

import java.time.Instant;

/** The core's values as messages of the contract. Stateless. */
final class Messages {

    private Messages() {
    }

    static BulkRegistration job(Job job) {
        var message = BulkRegistration.newBuilder()
                .setId(job.id().toString())
                .setCoordinatorId(job.coordinatorId())
                .setActivityType(job.activityType())
                .setActivityDate(job.activityDate().toString())
                .setDurationMinutes(job.durationMinutes())
                .setOverrideDuplicates(job.overrideDuplicates())
                .setStatus(status(job.status()))
                .setMentorCount(job.mentorCount())
                .setSuccessCount(job.successCount())
                .setFailureCount(job.failureCount())
                .setProcessedCount(job.processedCount())
                .setRetryCount(job.retryCount())
                .setCreateTime(timestamp(job.createdAt()))
                .setUpdateTime(timestamp(job.updatedAt()));
        job.notes().ifPresent(message::setNotes);
        job.completedAt().ifPresent(at -> message.setCompleteTime(timestamp(at)));
        return message.build();
    }

    static BulkRegistrationSummary summary(JobSummary job) {
        var message = BulkRegistrationSummary.newBuilder()
                .setId(job.id().toString())
                .setCoordinatorId(job.coordinatorId())
                .setActivityType(job.activityType())
                .setActivityDate(job.activityDate().toString())
                .setDurationMinutes(job.durationMinutes())
                .setStatus(status(job.status()))
                .setMentorCount(job.mentorCount())
                .setSuccessCount(job.successCount())
                .setFailureCount(job.failureCount())
                .setProcessedCount(job.successCount() + job.failureCount())
                .setRetryCount(job.retryCount())
                .setCreateTime(timestamp(job.createdAt()))
                .setUpdateTime(timestamp(job.updatedAt()));
        job.completedAt().ifPresent(at -> message.setCompleteTime(timestamp(at)));
        return message.build();
    }

    static MentorResult result(bulkreg.core.MentorResult result) {
        var message = MentorResult.newBuilder()
                .setPosition(result.position())
                .setMentorId(result.mentorId())
                .setStatus(itemStatus(result.status()));
        result.activityId().ifPresent(id -> message.setActivityId(id.toString()));
        result.error().ifPresent(e -> message.setError(ItemError.newBuilder().setCode(e.code()).setMessage(e.message())));
        return message.build();
    }

    static JobEvent event(bulkreg.core.JobEvent event) {
        return JobEvent.newBuilder()
                .setSequence(event.sequence())
                .setJobId(event.jobId().toString())
                .setCoordinatorId(event.coordinatorId())
                .setKind(kind(event.kind()))
                .setStatus(status(event.status()))
                .setMentorCount(event.mentorCount())
                .setSuccessCount(event.successCount())
                .setFailureCount(event.failureCount())
                .setProcessedCount(event.processed())
                .addAllChangedPositions(event.changed())
                .setOccurTime(timestamp(event.occurredAt()))
                .build();
    }

    static JobStatus status(bulkreg.core.JobStatus status) {
        return switch (status) {
            case PROCESSING -> JobStatus.JOB_STATUS_PROCESSING;
            case COMPLETED -> JobStatus.JOB_STATUS_COMPLETED;
            case CANCELLED -> JobStatus.JOB_STATUS_CANCELLED;
            case FAILED -> JobStatus.JOB_STATUS_FAILED;
        };
    }

    static ItemStatus itemStatus(bulkreg.core.ItemStatus status) {
        return switch (status) {
            case PENDING -> ItemStatus.ITEM_STATUS_PENDING;
            case SUCCESS -> ItemStatus.ITEM_STATUS_SUCCESS;
            case FAILED -> ItemStatus.ITEM_STATUS_FAILED;
            case CANCELLED -> ItemStatus.ITEM_STATUS_CANCELLED;
        };
    }

    static JobEventKind kind(bulkreg.core.JobEventKind kind) {
        return switch (kind) {
            case SNAPSHOT -> JobEventKind.JOB_EVENT_KIND_SNAPSHOT;
            case CREATED -> JobEventKind.JOB_EVENT_KIND_CREATED;
            case PROGRESSED -> JobEventKind.JOB_EVENT_KIND_PROGRESSED;
            case RETRIED -> JobEventKind.JOB_EVENT_KIND_RETRIED;
            case CANCELLED -> JobEventKind.JOB_EVENT_KIND_CANCELLED;
            case COMPLETED -> JobEventKind.JOB_EVENT_KIND_COMPLETED;
            case FAILED -> JobEventKind.JOB_EVENT_KIND_FAILED;
            case DELETED -> JobEventKind.JOB_EVENT_KIND_DELETED;
        };
    }

    static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }
}
