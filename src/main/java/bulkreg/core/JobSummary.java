package bulkreg.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** A job as listed: everything but the mentor ids and results, so a page of jobs stays small. */
public record JobSummary(JobId id, String coordinatorId, String activityType, LocalDate activityDate,
                         int durationMinutes, int mentorCount, JobStatus status, int successCount,
                         int failureCount, int retryCount, Instant createdAt, Instant updatedAt,
                         Optional<Instant> completedAt) {
}
