package bulkreg.core;

import java.util.Optional;

/** Which jobs a listing shows; an empty field matches every job. */
public record JobFilter(Optional<JobStatus> status, Optional<String> coordinatorId, Optional<String> activityType) {

    public static JobFilter all() {
        return new JobFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
