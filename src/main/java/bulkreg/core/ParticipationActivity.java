package bulkreg.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** One mentor's registered activity, created by a job. */
public record ParticipationActivity(ActivityId id, String mentorId, String activityType, LocalDate activityDate,
                                    int durationMinutes, Optional<String> notes, JobId jobId, Instant createdAt) {
}
