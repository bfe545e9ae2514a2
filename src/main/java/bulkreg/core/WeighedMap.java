package bulkreg.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * A map bounded by the total weight of its values (results held, bytes held), for caches whose entries differ
 * in size by orders of magnitude. Putting past the bound drops other entries in the map's order: the callers
 * keep values any of which is as likely to be wanted again, so recency would buy little. Reads take no lock;
 * writes take a short one, with no I/O under it. Thread-safe.
 */
public final class WeighedMap<K, V> {

    private final long maxWeight;
    private final ToLongFunction<V> weight;
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private long held;

    public WeighedMap(long maxWeight, ToLongFunction<V> weight) {
        this.maxWeight = maxWeight;
        this.weight = weight;
    }

    /** Whether a value of this weight may be put at all. */
    public boolean fits(long valueWeight) {
        return valueWeight <= maxWeight;
    }

    public V get(K key) {
        return entries.get(key);
    }

    /** Puts the value, then drops other entries until the total weight is within the bound again. */
    public void put(K key, V value) {
        lock.lock();
        try {
            var previous = entries.put(key, value);
            held += weight.applyAsLong(value) - (previous == null ? 0 : weight.applyAsLong(previous));
            var others = entries.entrySet().iterator();
            while (held > maxWeight && others.hasNext()) {
                var other = others.next();
                if (!other.getKey().equals(key)) {
                    others.remove();
                    held -= weight.applyAsLong(other.getValue());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public void remove(K key) {
        lock.lock();
        try {
            var removed = entries.remove(key);
            if (removed != null) {
                held -= weight.applyAsLong(removed);
            }
        } finally {
            lock.unlock();
        }
    }
}
