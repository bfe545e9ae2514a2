package bulkreg.graphql;

import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The results of recent subscription events by selection, so that the subscribers of a job who ask the same
 * thing execute it once per event. The first to ask claims the selection and executes it; the others wait
 * for that result rather than all executing at the same moment. Bounded: beyond {@link #MAX_ENTRIES} entries
 * or {@link #MAX_CHARS} characters of rendered JSON and of the selections they answer (documents, variables)
 * the least recently used go first, and a result with errors or a very large one goes only to those who
 * waited for it, never kept. Entries hold an event's sequence, not the event. Thread-safe; nothing is
 * executed or waited for under the lock.
 */
final class RecentEventResults {

    private static final int MAX_ENTRIES = 512;
    private static final long MAX_CHARS = 4L << 20;
    /** A larger result (a big chunk's changed results) is shared only while it is being made. */
    private static final long MAX_KEPT_CHARS = MAX_CHARS / 8;

    /** One selection of one event: its result once made, empty when it could not be shared. */
    static final class Slot {
        private final CompletableFuture<Optional<EventResult>> result = new CompletableFuture<>();
        private long chars;
    }

    /** A caller's hold on a selection: the first caller executes it and must {@link #settle} it. */
    record Claim(EventSelection key, boolean first, Slot slot) {

        /** The first caller's result, waiting while it executes (which waits on nobody). */
        Optional<EventResult> await() {
            return slot.result.join();
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<EventSelection, Slot> slots = new LinkedHashMap<>(MAX_ENTRIES, 0.75f, true);
    private long chars;

    Claim claim(EventSelection key) {
        lock.lock();
        try {
            var existing = slots.get(key);
            if (existing != null) {
                return new Claim(key, false, existing);
            }
            var slot = new Slot();
            slots.put(key, slot);
            trim();
            return new Claim(key, true, slot);
        } finally {
            lock.unlock();
        }
    }

    /** Gives the first caller's result to those waiting, and keeps it for later callers if it may be. */
    void settle(Claim claim, Optional<EventResult> result) {
        claim.slot().result.complete(result);
        long weight = result.map(r -> r.weight() + claim.key().weight()).orElse(0L);
        boolean keep = result.filter(r -> r.errors().isEmpty()).isPresent() && weight <= MAX_KEPT_CHARS;
        lock.lock();
        try {
            if (slots.get(claim.key()) != claim.slot()) {
                return;
            }
            if (!keep) {
                slots.remove(claim.key());
                return;
            }
            claim.slot().chars = weight;
            chars += claim.slot().chars;
            trim();
        } finally {
            lock.unlock();
        }
    }

    private void trim() {
        var eldest = slots.values().iterator();
        while ((slots.size() > MAX_ENTRIES || chars > MAX_CHARS) && eldest.hasNext()) {
            chars -= eldest.next().chars;
            eldest.remove();
        }
    }
}
