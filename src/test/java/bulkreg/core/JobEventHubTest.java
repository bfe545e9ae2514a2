package bulkreg.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waiting without the lock: every waiter wakes for an event or the hub's close, none sleeps through one. */
class JobEventHubTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final JobEventHub hub = new JobEventHub(new NoLog(), 100, 0);

    @Test
    void aThousandWaitersAllWakeForOneEventAndReadIt() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var ready = new CountDownLatch(1_000);
            var waiters = new ArrayList<Future<List<JobEvent>>>();
            for (int i = 0; i < 1_000; i++) {
                waiters.add(threads.submit(() -> {
                    ready.countDown();
                    hub.awaitAfter(0, LONG);
                    return hub.read(0, 10);
                }));
            }
            ready.await();
            hub.append(List.of(event(1)));
            for (var waiter : waiters) {
                assertEquals(1, waiter.get(10, TimeUnit.SECONDS).getFirst().sequence());
            }
        }
    }

    @Test
    void appendsRacingWithWaitersAreNeverSleptThrough() throws Exception {
        var hub = new JobEventHub(new NoLog(), 5_000, 0); // holds them all: this log has none to read from
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var follower = threads.submit(() -> {
                long seen = 0;
                while (seen < 2_000) {
                    hub.awaitAfter(seen, LONG);
                    seen = hub.read(seen, Integer.MAX_VALUE).getLast().sequence();
                }
                return seen;
            });
            for (long s = 1; s <= 2_000; s++) {
                hub.append(List.of(event(s)));
            }
            assertEquals(2_000L, follower.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingWakesEveryWaiter() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var ready = new CountDownLatch(1);
            var waiter = threads.submit(() -> {
                ready.countDown();
                hub.awaitAfter(0, LONG);
                return hub.isClosed();
            });
            ready.await();
            hub.close();
            assertTrue(waiter.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWaiterWithoutAnEventReturnsAfterItsTimeout() throws Exception {
        long start = System.nanoTime();
        hub.awaitAfter(0, Duration.ofMillis(50));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
        assertEquals(List.of(), hub.read(0, 10));
    }

    private static JobEvent event(long sequence) {
        return new JobEvent(sequence, new JobId(1), "c", JobEventKind.PROGRESSED, JobStatus.PROCESSING, 0, 0, 0,
                List.of(), Instant.EPOCH);
    }
}
