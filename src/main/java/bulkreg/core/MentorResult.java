package bulkreg.core;

import java.util.Optional;

/**
 * One mentor's outcome in a job.
 *
 * @param position   the mentor's 0-based place in the request
 * @param activityId the created activity, present only on success
 * @param error      why it failed, present only on failure
 */
public record MentorResult(int position, String mentorId, ItemStatus status, Optional<ActivityId> activityId,
                           Optional<ItemError> error) {
}
