package bulkreg.grpc;

import bulkreg.core.JobEvent;
import bulkreg.core.JobEventKind;
import bulkreg.core.MentorResult;
import bulkreg.core.RecentCache;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The messages of WatchBulkRegistration, built and encoded once per event and variant for all its watchers
 * (messages are immutable): a thousand watchers of a job would otherwise each build a chunk's thousand
 * results again, and each encode them. A snapshot is one watcher's own, built and encoded for it alone.
 * Recent events only (64 per variant, and 50,000 results in all); a watcher further behind gets its messages
 * built afresh. Thread-safe.
 */
final class WatchResponses {

    private final Function<JobEvent, List<MentorResult>> changedResults;
    private final StreamGauge gauge;
    /** At most 50,000 results in all, message and bytes: 64 events of 1,000, fewer of larger chunks. */
    private final RecentCache<Long, EncodedResponse> full = new RecentCache<>(64, 50_000,
            response -> response.message().getChangedResultsCount());
    private final RecentCache<Long, EncodedResponse> progress = new RecentCache<>(64);

    WatchResponses(Function<JobEvent, List<MentorResult>> changedResults, StreamGauge gauge) {
        this.changedResults = changedResults;
        this.gauge = gauge;
    }

    /** The event with the results it changed. */
    WatchBulkRegistrationResponse full(JobEvent event) {
        if (event.kind() == JobEventKind.SNAPSHOT) {
            return progressOf(event);
        }
        return full.computeIfAbsent(event.sequence(), seq -> encoded(WatchBulkRegistrationResponse.newBuilder()
                .setEvent(Messages.event(event))
                .addAllChangedResults(changedResults.apply(event).stream().map(Messages::result).toList())
                .build())).message();
    }

    /**
     * Counts and status only, without changed_positions: a progress-only watch is conflated, so the positions
     * of the one event it gets would not cover the changes it skipped.
     */
    WatchBulkRegistrationResponse progress(JobEvent event) {
        if (event.kind() == JobEventKind.SNAPSHOT) {
            return progressOf(event); // one per watcher, and its sequence is not unique to it
        }
        return progress.computeIfAbsent(event.sequence(), seq -> encoded(progressOf(event))).message();
    }

    /** The bytes of a message made here for all watchers; empty for any other (a snapshot, an older one). */
    Optional<byte[]> bytes(WatchBulkRegistrationResponse message) {
        long sequence = message.getEvent().getSequence();
        for (var made : List.of(full, progress)) { // once per message sent to each watcher: no stream here
            var encoded = made.get(sequence);
            if (encoded.isPresent() && encoded.get().message() == message) {
                return Optional.of(encoded.get().bytes());
            }
        }
        return Optional.empty();
    }

    private EncodedResponse encoded(WatchBulkRegistrationResponse message) {
        gauge.encoded();
        return EncodedResponse.of(message);
    }

    private static WatchBulkRegistrationResponse progressOf(JobEvent event) {
        return WatchBulkRegistrationResponse.newBuilder()
                .setEvent(Messages.event(event).toBuilder().clearChangedPositions()).build();
    }
}
