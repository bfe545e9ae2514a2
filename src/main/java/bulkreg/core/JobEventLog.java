package bulkreg.core;

import java.util.List;

/**
 * The durable, ordered log of job events, written by the {@link JobStore} in the same transactions as the
 * changes themselves. Thread-safe.
 */
public interface JobEventLog {

    /**
     * Up to {@code limit} events with a sequence above {@code afterSequence}, in order.
     *
     * @throws ConflictException when events after {@code afterSequence} have already been deleted (they are
     *                           kept for a configured time), so that a reader never skips events unknowingly
     */
    List<JobEvent> after(long afterSequence, int limit);

    /** The highest sequence committed so far (0 when there is none). */
    long latestSequence();

    /** The highest sequence deleted after its retention time (0 when none was): resumes must start at or after it. */
    long purgedThrough();

    /** The refusal of a resume from before {@code purgedThrough}, in the words every reader reports. */
    static ConflictException expired(long afterSequence, long purgedThrough) {
        return new ConflictException("Job events up to sequence " + purgedThrough + " were deleted after their"
                + " retention time, so resuming after sequence " + afterSequence + " would miss some; resume"
                + " after " + purgedThrough + " or later, accepting the gap, or start from the newest events");
    }
}
