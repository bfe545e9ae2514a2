package bulkreg.core;

import java.util.Arrays;
import java.util.Optional;

/** What happened to a job. */
public enum JobEventKind {
    /** Not a change: the job's state when a watch began, always a watch's first event. */
    SNAPSHOT,
    CREATED, PROGRESSED, RETRIED, CANCELLED, COMPLETED, FAILED, DELETED;

    public String wireName() {
        return name().toLowerCase();
    }

    public static Optional<JobEventKind> fromWire(String value) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(value)).findFirst();
    }
}
