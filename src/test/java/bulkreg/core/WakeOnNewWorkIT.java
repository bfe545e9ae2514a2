package bulkreg.core;

import bulkreg.app.Settings;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job posted to an instance without workers starts at once on another, not after its poll interval. */
class WakeOnNewWorkIT {

    private static final Duration SLOW_POLL = Duration.ofSeconds(60);

    @Test
    void anotherInstancesWorkersAreWokenByTheCreatedEvent() throws Exception {
        var database = TestDatabase.fresh();
        try (var processing = TestApp.start(with(TestApp.settings(database, 100), 2));
             var serveOnly = TestApp.start(with(TestApp.settings(database, 100), 0))) {
            var started = Instant.now();
            var job = serveOnly.service().submit(new RegistrationRequest("coord-wake",
                    IntStream.rangeClosed(1, 200).mapToObj(i -> "wake-" + i).toList(), "group_workshop",
                    "2026-03-28", 60, null, false));
            while (serveOnly.service().job(job.id().toString()).status() == JobStatus.PROCESSING) {
                assertTrue(Duration.between(started, Instant.now()).compareTo(Duration.ofSeconds(20)) < 0,
                        "the job should have started long before the 60 s poll");
                Thread.sleep(20);
            }
            assertEquals(200, serveOnly.service().job(job.id().toString()).successCount());
        }
    }

    /** The same settings with this many workers, all polling only every minute. */
    private static Settings with(Settings s, int workers) {
        return new Settings(s.host(), s.port(), s.grpcPort(), s.database(), s.limits(), workers, s.chunkSize(),
                s.parallelChunks(), s.lease(), SLOW_POLL, s.maxAttempts(), s.eventRetention(), s.readCacheResults(),
                s.benchRoute(), s.graphql());
    }
}
