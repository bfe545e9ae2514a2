package bulkreg.core;

import java.util.Arrays;
import java.util.Optional;

/** Where a bulk registration job stands. Only {@link #PROCESSING} jobs are worked on. */
public enum JobStatus {
    /** From creation until every mentor item has ended (also while failed items are retried). */
    PROCESSING,
    /** Every item ended; the counts tell how many failed. */
    COMPLETED,
    /** Stopped on request; unprocessed items were cancelled, created activities stay. */
    CANCELLED,
    /** The job itself could not run (not a per-mentor failure). */
    FAILED;

    /** The lower-case name used on every wire and in the database. */
    public String wireName() {
        return name().toLowerCase();
    }

    public boolean isFinal() {
        return this != PROCESSING;
    }

    public static Optional<JobStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
