package bulkreg.core;

import bulkreg.app.Settings;
import bulkreg.support.Poll;
import bulkreg.support.Requests;
import bulkreg.support.Rows;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The workers of one instance, as the leases in PostgreSQL show them. */
class JobWorkerIT {

    @Test
    void twoJobsProcessedAtOnceByOneInstanceAreLeasedToTwoDifferentWorkers() throws Exception {
        try (var app = TestApp.start(TestDatabase.fresh(), 100)) {
            var rows = new Rows(app.jdbcUrl());
            try (var held = rows.holdWrites()) {
                var first = app.service().submit(request("first")).id().toString();
                var second = app.service().submit(request("second")).id().toString();
                Poll.until("both jobs leased", Duration.ofSeconds(30), () -> List.of(first, second).stream()
                        .allMatch(id -> rows.job(id).leaseOwner() != null));
                // Were they leased under one name, a worker whose lease expired during an outage would go on
                // beside the worker that took the job over: the chunk's lease check could not tell them apart.
                assertNotEquals(rows.job(first).leaseOwner(), rows.job(second).leaseOwner());
            }
        }
    }

    @Test
    void aTenThousandMentorJobWrittenInParallelChunksRegistersEveryMentorOnceWithProgressInOrder() {
        var d = TestApp.settings(TestDatabase.fresh(), 1000);
        var settings = new Settings(d.host(), d.port(), d.grpcPort(), d.database(), d.limits(), d.workers(),
                d.chunkSize(), 3, d.lease(), d.pollInterval(), d.maxAttempts(), d.eventRetention(),
                d.readCacheResults(), false, d.graphql());
        try (var app = TestApp.start(settings)) {
            var rows = new Rows(app.jdbcUrl());
            var id = app.service().submit(new RegistrationRequest("coord-parallel", Requests.mentors("par", 10_000),
                    "group_workshop", "2026-03-28", 60, null, false)).id().toString();
            app.api().awaitStatus(id, "completed");

            assertEquals(10_000, rows.activitiesOf(id));
            assertEquals(10_000, rows.mentorsRegisteredBy(id));
            assertEquals(0, rows.mentorsRegisteredTwice("par-"));
            var progress = rows.progressOf(id);
            assertEquals(IntStream.range(0, 10).mapToObj(i -> new Rows.Progress(i == 9 ? "completed" : "progressed",
                    i * 1000, (i + 1) * 1000, (i + 1) * 1000)).toList(), progress);
        }
    }

    private static RegistrationRequest request(String prefix) {
        return new RegistrationRequest("coord-workers",
                IntStream.rangeClosed(1, 3).mapToObj(i -> prefix + "-" + i).toList(), "group_workshop",
                "2026-03-28", 60, null, false);
    }
}
