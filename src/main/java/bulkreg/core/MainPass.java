package bulkreg.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The first pass over a claimed job's items, written in consecutive ranges of a chunk, several at once: each
 * range in a transaction of its own ({@link JobStore#writeRange}) on a virtual thread of its own. The store
 * commits the ranges in position order, so they end in the order they were started, and this pass knows at
 * any moment where the committed part ends: after a failure it goes on from there. Used by one worker thread;
 * closing it waits for every range in flight to end.
 */
final class MainPass implements AutoCloseable {

    /** A range in flight and its outcome to come. */
    private record InFlight(int from, int to, Future<ChunkOutcome> outcome) {
    }

    private final JobStore store;
    private final ClaimedJob job;
    private final Duration lease;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private int position;

    MainPass(JobStore store, ClaimedJob job, Duration lease) {
        this.store = store;
        this.job = job;
        this.lease = lease;
        this.position = job.position();
    }

    /** True while items remain for the main pass, as far as this worker knows. */
    boolean remains() {
        return position < job.mentorIds().size();
    }

    /**
     * Goes on from where the store says the pass stands, when a range found it elsewhere: further on when a
     * range committed though its answer was lost. Never back: a position read while an earlier range was
     * still committing may be older than what this pass has seen committed since.
     */
    void resumeAt(int storedPosition) {
        position = Math.max(position, storedPosition);
    }

    /**
     * Writes ranges of {@code chunkSize} items, up to {@code parallel} at once, until the pass is over, the
     * worker stops, or a range ends it early: let go, out of turn, or failed (its failure is thrown once the
     * ranges in flight have ended, none of which can commit without it).
     *
     * @return the outcome of the last range, or one saying where the pass stands if none ran
     */
    ChunkOutcome write(int parallel, int chunkSize, BooleanSupplier running) throws InterruptedException {
        var last = ChunkOutcome.outOfTurn(position);
        int next = position;
        try {
            while (true) {
                while (running.getAsBoolean() && inFlight.size() < parallel && next < job.mentorIds().size()) {
                    int to = Math.min(job.mentorIds().size(), next + chunkSize);
                    start(next, to);
                    next = to;
                }
                if (inFlight.isEmpty()) {
                    return last;
                }
                var oldest = inFlight.removeFirst();
                last = oldest.outcome().get();
                if (!last.held() || last.position() != oldest.to()) {
                    return last;
                }
                position = oldest.to();
                if (!last.more()) {
                    return last;
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            drain();
        }
    }

    /** Starts writing {@code [from, to)}; returns once the range holds its place in the commit order. */
    private void start(int from, int to) {
        var inLine = new CompletableFuture<Void>();
        inFlight.addLast(new InFlight(from, to, threads.submit(() -> {
            try {
                return store.writeRange(job, from, to, lease, () -> inLine.complete(null));
            } finally {
                inLine.complete(null);
            }
        })));
        inLine.join();
    }

    /** Waits for the ranges still in flight; after the one that ended the pass early, none of them commits. */
    private void drain() {
        while (!inFlight.isEmpty()) {
            try {
                inFlight.removeFirst().outcome().get();
            } catch (ExecutionException e) {
                // its predecessor did not commit, so neither did it: nothing of it was written
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        drain();
        threads.close();
    }
}
