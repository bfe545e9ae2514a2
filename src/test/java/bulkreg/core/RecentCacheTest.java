package bulkreg.core;

import org.junit.jupiter.api.Test;

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
}
