package bulkreg.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A bulk registration job as stored: the request, its progress and its timestamps. */
public record Job(JobId id, String coordinatorId, String activityType, LocalDate activityDate,
                  int durationMinutes, Optional<String> notes, boolean overrideDuplicates,
                  List<String> mentorIds, JobStatus status, int successCount, int failureCount,
                  int retryCount, Instant createdAt, Instant updatedAt, Optional<Instant> completedAt) {

    public Job {
        mentorIds = List.copyOf(mentorIds);
    }

    public int mentorCount() {
        return mentorIds.size();
    }

    /** The job as it was when first created: what a replayed create request answers again. */
    public Job asFirstAnswered() {
        return new Job(id, coordinatorId, activityType, activityDate, durationMinutes, notes, overrideDuplicates,
                mentorIds, JobStatus.PROCESSING, 0, 0, 0, createdAt, createdAt, Optional.empty());
    }

    /** Items that have ended, successfully or not (cancelled items are not counted). */
    public int processedCount() {
        return successCount + failureCount;
    }
}
