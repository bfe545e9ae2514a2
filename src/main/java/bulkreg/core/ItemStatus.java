package bulkreg.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * The state of one mentor's registration within a job, derived from what the job has written for it: SUCCESS
 * when the job created the mentor's activity, FAILED when it recorded a failure that no retry has re-queued,
 * otherwise CANCELLED once the job is cancelled, and PENDING before that.
 */
public enum ItemStatus {
    PENDING, SUCCESS, FAILED, CANCELLED;

    /**
     * How many items of a job are in this status, from the job's counts: items that have not ended are
     * cancelled in a cancelled job and pending in any other.
     */
    public int countIn(JobStatus jobStatus, int mentorCount, int successCount, int failureCount) {
        int open = mentorCount - successCount - failureCount;
        return switch (this) {
            case SUCCESS -> successCount;
            case FAILED -> failureCount;
            case CANCELLED -> jobStatus == JobStatus.CANCELLED ? open : 0;
            case PENDING -> jobStatus == JobStatus.CANCELLED ? 0 : open;
        };
    }

    public String wireName() {
        return name().toLowerCase();
    }

    public static Optional<ItemStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
