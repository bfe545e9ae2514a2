package bulkreg.core;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each value computed once; a computation that fails, however it fails, is forgotten. */
class RecentCacheTest {

    private final RecentCache<Long, String> cache = new RecentCache<>(4);

    @Test
    void aValueIsComputedOnceForEveryCaller() {
        var computed = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertEquals("seven", cache.computeIfAbsent(7L, key -> {
                computed.incrementAndGet();
                return "seven";
            }));
        }
        assertEquals(1, computed.get());
    }

    @Test
    void aFailedComputationIsForgottenSoTheNextCallerComputesAgain() {
        assertThrows(IllegalStateException.class, () -> cache.computeIfAbsent(7L, key -> {
            throw new IllegalStateException("database gone");
        }));
        assertEquals("seven", cache.computeIfAbsent(7L, key -> "seven"));
    }

    @Test
    void aComputationEndedByAnErrorIsForgottenTooRatherThanHoldingLaterCallersForever() throws Exception {
        assertThrows(OutOfMemoryError.class, () -> cache.computeIfAbsent(7L, key -> {
            throw new OutOfMemoryError("encoding a large chunk");
        }));
        var later = CompletableFuture.supplyAsync(() -> cache.computeIfAbsent(7L, key -> "seven"));
        assertEquals("seven", later.get(5, TimeUnit.SECONDS));
    }

    @Test
    void withAWeigherTheLeastRecentlyUsedGoFirstOnceTheWeightIsPassed() {
        var weighed = new RecentCache<Long, String>(10, 10, String::length);
        weighed.computeIfAbsent(1L, key -> "aaaa");
        weighed.computeIfAbsent(2L, key -> "bbbb");
        weighed.computeIfAbsent(1L, key -> "recomputed"); // used again: now the most recent
        weighed.computeIfAbsent(3L, key -> "cccc"); // 12 in all: the least recently used, 2, goes
        assertEquals(Optional.of("aaaa"), weighed.get(1L));
        assertEquals(Optional.empty(), weighed.get(2L));
        assertEquals(Optional.of("cccc"), weighed.get(3L));
    }

    @Test
    void aValueHeavierThanTheWholeBoundIsReturnedButNotKept() {
        var weighed = new RecentCache<Long, String>(10, 3, String::length);
        weighed.computeIfAbsent(1L, key -> "a");
        assertEquals("heavy", weighed.computeIfAbsent(2L, key -> "heavy"));
        assertEquals(Optional.empty(), weighed.get(2L));
    }
}
