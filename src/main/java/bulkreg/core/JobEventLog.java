package bulkreg.core;

import java.util.List;

/**
 * The durable, ordered log of job events, written by the {@link JobStore} in the same transactions as the
 * changes themselves. Thread-safe.
 */
public interface JobEventLog {

    /** Up to {@code limit} events with a sequence above {@code afterSequence}, in order. */
    List<JobEvent> after(long afterSequence, int limit);

    /** The highest sequence committed so far (0 when there is none). */
    long latestSequence();
}
