package bulkreg.graphql;

import bulkreg.core.ItemStatus;
import bulkreg.core.Job;
import bulkreg.core.JobStatus;
import bulkreg.core.JobSummary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A {@code BulkRegistration} as the front has it: a listed job's summary, or the whole job. The fields a
 * summary lacks (mentor ids, notes, override) are loaded in batches when a query asks for them.
 */
record JobView(String id, String coordinatorId, String activityType, LocalDate activityDate, int durationMinutes,
               int mentorCount, JobStatus status, int successCount, int failureCount, int retryCount,
               Instant createdAt, Instant updatedAt, Instant completedAt, Optional<Job> full) {

    static JobView of(Job job) {
        return new JobView(job.id().toString(), job.coordinatorId(), job.activityType(), job.activityDate(),
                job.durationMinutes(), job.mentorCount(), job.status(), job.successCount(), job.failureCount(),
                job.retryCount(), job.createdAt(), job.updatedAt(), job.completedAt().orElse(null),
                Optional.of(job));
    }

    static JobView of(JobSummary job) {
        return new JobView(job.id().toString(), job.coordinatorId(), job.activityType(), job.activityDate(),
                job.durationMinutes(), job.mentorCount(), job.status(), job.successCount(), job.failureCount(),
                job.retryCount(), job.createdAt(), job.updatedAt(), job.completedAt().orElse(null),
                Optional.empty());
    }

    Progress progress() {
        return Progress.of(successCount + failureCount, mentorCount);
    }

    /** How many of the job's results have this status, or all of them. */
    int resultCount(Optional<ItemStatus> itemStatus) {
        return itemStatus.map(s -> s.countIn(status, mentorCount, successCount, failureCount)).orElse(mentorCount);
    }
}
