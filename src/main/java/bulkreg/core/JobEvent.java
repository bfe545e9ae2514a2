package bulkreg.core;

import java.time.Instant;
import java.util.List;

/**
 * One committed change of a job, numbered in commit order across the whole service.
 *
 * @param sequence    the event's number; a consumer resumes after the last one it saw
 * @param changed     the positions (0-based, request order) of the items this event changed; empty when
 *                    no item changed (created, cancelled, ...)
 */
public record JobEvent(long sequence, JobId jobId, String coordinatorId, JobEventKind kind, JobStatus status,
                       int successCount, int failureCount, int mentorCount, List<Integer> changed,
                       Instant occurredAt) {

    public JobEvent {
        changed = List.copyOf(changed);
    }

    /** Items that have ended, successfully or not. */
    public int processed() {
        return successCount + failureCount;
    }
}
