package bulkreg.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A job a worker holds the lease of, with what it needs to write the job's activities.
 *
 * @param position           where the main pass stood when the job was claimed: the first item not yet
 *                           processed ({@code mentorIds().size()} once every item has been)
 * @param overrideDuplicates the duplicate rule of the job's current pass; it cannot change while the job is
 *                           leased (only a finished job is re-queued)
 */
public record ClaimedJob(JobId id, String owner, String activityType, LocalDate activityDate, int durationMinutes,
                         Optional<String> notes, List<String> mentorIds, int position, boolean overrideDuplicates) {

    public ClaimedJob {
        mentorIds = List.copyOf(mentorIds);
    }

    /** The failure every mentor who already has this activity gets, unless duplicates are overridden. */
    public ItemError duplicateError() {
        return new ItemError(ItemError.DUPLICATE_ACTIVITY,
                "Mentor already has a " + activityType + " activity on " + activityDate);
    }
}
