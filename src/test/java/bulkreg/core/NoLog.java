package bulkreg.core;

import java.util.List;

/** A durable log with nothing in it, for hubs whose tests keep every event in memory. */
final class NoLog implements JobEventLog {

    @Override
    public List<JobEvent> after(long afterSequence, int limit) {
        return List.of();
    }

    @Override
    public long latestSequence() {
        return 0;
    }

    @Override
    public long purgedThrough() {
        return 0;
    }
}
