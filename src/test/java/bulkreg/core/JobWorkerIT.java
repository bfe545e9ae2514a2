package bulkreg.core;

import bulkreg.support.Poll;
import bulkreg.support.Rows;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

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

    private static RegistrationRequest request(String prefix) {
        return new RegistrationRequest("coord-workers",
                IntStream.rangeClosed(1, 3).mapToObj(i -> prefix + "-" + i).toList(), "group_workshop",
                "2026-03-28", 60, null, false);
    }
}
