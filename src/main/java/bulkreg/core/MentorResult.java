package bulkreg.core;

import java.util.Optional;

/**
 * One mentor's outcome in a job, in request order.
 *
 * @param activityId the created activity, present only on success
 * @param error      why it failed, present only on failure
 */
public record MentorResult(String mentorId, ItemStatus status, Optional<ActivityId> activityId,
                           Optional<ItemError> error) {

    /**
     * Derives an item's state from what the job has written for it.
     *
     * @param activity      the activity this job created for the mentor, if any
     * @param failure       the recorded failure, if any
     * @param awaitingRetry the failure was re-queued by a retry and not processed again yet
     * @param reached       the job's main pass has processed this item's position
     * @param jobStatus     the job's status, which decides whether unprocessed items are pending or cancelled
     */
    public static MentorResult derive(String mentorId, Optional<ActivityId> activity, Optional<ItemError> failure,
                                      boolean awaitingRetry, boolean reached, JobStatus jobStatus) {
        if (activity.isPresent()) {
            return new MentorResult(mentorId, ItemStatus.SUCCESS, activity, Optional.empty());
        }
        if (failure.isPresent() && !awaitingRetry) {
            return new MentorResult(mentorId, ItemStatus.FAILED, Optional.empty(), failure);
        }
        if (failure.isEmpty() && reached) {
            throw new IllegalStateException("item " + mentorId + " was processed but has no outcome");
        }
        var open = jobStatus == JobStatus.CANCELLED ? ItemStatus.CANCELLED : ItemStatus.PENDING;
        return new MentorResult(mentorId, open, Optional.empty(), Optional.empty());
    }
}
