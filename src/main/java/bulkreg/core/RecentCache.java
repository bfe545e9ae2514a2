package bulkreg.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A small least-recently-used cache that computes each missing value once: callers who ask for a value being
 * computed wait for that computation instead of repeating it (a thousand watchers of one event cost one
 * query). The computation runs outside the lock; a failed one is forgotten so the next caller tries again.
 */
public final class RecentCache<K, V> {

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<K, CompletableFuture<V>> entries;

    public RecentCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    public V computeIfAbsent(K key, Function<K, V> compute) {
        var mine = new CompletableFuture<V>();
        CompletableFuture<V> existing;
        lock.lock();
        try {
            existing = entries.putIfAbsent(key, mine);
        } finally {
            lock.unlock();
        }
        if (existing != null) {
            return join(existing);
        }
        try {
            var value = compute.apply(key);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            // an Error too: a future left incomplete would hold every later caller of the key forever
            lock.lock();
            try {
                entries.remove(key, mine);
            } finally {
                lock.unlock();
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** The value for the key if it has been computed; one still being computed counts as absent. Never waits. */
    public Optional<V> get(K key) {
        CompletableFuture<V> entry;
        lock.lock();
        try {
            entry = entries.get(key);
        } finally {
            lock.unlock();
        }
        if (entry == null || !entry.isDone() || entry.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(entry.join());
    }

    private static <V> V join(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
