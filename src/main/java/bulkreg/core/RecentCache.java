package bulkreg.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A small least-recently-used cache that computes each missing value once: callers who ask for a value being
 * computed wait for that computation instead of repeating it (a thousand watchers of one event cost one
 * query). The computation runs outside the lock; a failed one is forgotten so the next caller tries again.
 * Bounded by a number of entries and, when given a weigher, by the total weight of the values computed (a
 * chunk's results can be a thousand or ten thousand): the least recently used go first.
 */
public final class RecentCache<K, V> {

    /** An entry: its value to come, and its weight once computed. */
    private static final class Slot<V> {
        private final CompletableFuture<V> value = new CompletableFuture<>();
        private long weight;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<K, Slot<V>> entries;
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private long weight;

    public RecentCache(int capacity) {
        this(capacity, Long.MAX_VALUE, value -> 0);
    }

    /** @param weigher the weight of a computed value, such as the number of results it holds */
    public RecentCache(int capacity, long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Slot<V>> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                weight -= eldest.getValue().weight;
                return true;
            }
        };
    }

    public V computeIfAbsent(K key, Function<K, V> compute) {
        var mine = new Slot<V>();
        Slot<V> existing;
        lock.lock();
        try {
            existing = entries.putIfAbsent(key, mine);
        } finally {
            lock.unlock();
        }
        if (existing != null) {
            return join(existing.value);
        }
        try {
            var value = compute.apply(key);
            mine.value.complete(value);
            weigh(key, mine, weigher.applyAsLong(value));
            return value;
        } catch (RuntimeException | Error e) {
            // an Error too: a future left incomplete would hold every later caller of the key forever
            lock.lock();
            try {
                entries.remove(key, mine);
            } finally {
                lock.unlock();
            }
            mine.value.completeExceptionally(e);
            throw e;
        }
    }

    /** The value for the key if it has been computed; one still being computed counts as absent. Never waits. */
    public Optional<V> get(K key) {
        Slot<V> entry;
        lock.lock();
        try {
            entry = entries.get(key);
        } finally {
            lock.unlock();
        }
        if (entry == null || !entry.value.isDone() || entry.value.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(entry.value.join());
    }

    /** Counts a computed value's weight, then lets the least recently used go until the total is in bounds. */
    private void weigh(K key, Slot<V> slot, long valueWeight) {
        lock.lock();
        try {
            if (entries.get(key) != slot) {
                return; // already let go
            }
            slot.weight = valueWeight;
            weight += valueWeight;
            var eldest = entries.values().iterator();
            while (weight > maxWeight && eldest.hasNext()) {
                weight -= eldest.next().weight;
                eldest.remove();
            }
        } finally {
            lock.unlock();
        }
    }

    private static <V> V join(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
