package bulkreg.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The newest job events held in memory, oldest first, as one immutable value: the hub replaces it whole on
 * each append, so readers take it without a lock and always see a consistent window.
 *
 * @param events        in rising sequence order; never written after construction
 * @param forgottenUpTo events up to this sequence are not (or no longer) in memory
 * @param latest        the highest sequence seen, held or not
 */
record EventWindow(JobEvent[] events, long forgottenUpTo, long latest) {

    static EventWindow empty(long startAfter) {
        return new EventWindow(new JobEvent[0], startAfter, startAfter);
    }

    /** This window with {@code added} (newer than {@link #latest}, in order), keeping the newest {@code capacity}. */
    EventWindow with(List<JobEvent> added, int capacity) {
        int total = events.length + added.size();
        int dropped = Math.max(0, total - capacity);
        var kept = new JobEvent[total - dropped];
        for (int i = dropped; i < total; i++) {
            kept[i - dropped] = i < events.length ? events[i] : added.get(i - events.length);
        }
        long forgotten = dropped == 0 ? forgottenUpTo
                : (dropped <= events.length ? events[dropped - 1] : added.get(dropped - events.length - 1)).sequence();
        return new EventWindow(kept, forgotten, added.getLast().sequence());
    }

    /** The held events after {@code sequence}, oldest first: a view of this window, which never changes. */
    List<JobEvent> after(long sequence) {
        int low = 0;
        int high = events.length;
        while (low < high) { // the first event with a higher sequence
            int middle = (low + high) >>> 1;
            if (events[middle].sequence() <= sequence) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low == events.length ? List.of()
                : Collections.unmodifiableList(Arrays.asList(events).subList(low, events.length));
    }
}
