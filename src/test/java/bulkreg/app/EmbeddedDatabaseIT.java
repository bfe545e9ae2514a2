package bulkreg.app;

import bulkreg.core.Limits;
import bulkreg.graphql.GraphQlLimits;
import bulkreg.support.Api;
import bulkreg.support.Requests;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `make run`'s own database: one process per data folder, and jobs of a crashed run resume at once. */
class EmbeddedDatabaseIT {

    private static final Path DATA = Path.of("target", "embedded-it", "postgres");

    @Test
    void aSecondProcessOnTheSameDataFolderIsRefusedWithoutHarmingTheFirst() throws Exception {
        try (var first = EmbeddedDatabase.start(DATA.resolveSibling("locked"), false)) {
            var refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedDatabase.start(DATA.resolveSibling("locked"), false));
            assertTrue(refused.getMessage().contains("Another bulkreg process"), refused.getMessage());
            try (var c = DriverManager.getConnection(first.jdbcUrl(), "postgres", "postgres");
                 var rs = c.createStatement().executeQuery("SELECT 1")) {
                assertTrue(rs.next(), "the first server still answers");
            }
        }
    }

    @Test
    void aJobLeasedByACrashedRunResumesAsSoonAsTheServiceStartsAgain() throws Exception {
        var settings = new Settings("127.0.0.1", 0, 0,
                new DatabaseSettings(Optional.empty(), "postgres", "postgres", 5, DATA),
                new Limits(10_000), 1, 100, 2, Duration.ofHours(1), Duration.ofMillis(100), 3, Duration.ofDays(7),
                100_000, false,
                GraphQlLimits.defaults(Settings.maxPayloadBytes(new Limits(10_000))));
        String id;
        try (var app = App.start(settings)) {
            id = app.service().submit(new bulkreg.core.RegistrationRequest("coord-crash",
                    Requests.mentors("crash", 300), "group_workshop", "2026-03-28", 60, null, false))
                    .id().toString();
            new Api(app.port()).awaitStatus(id, "completed");
        }
        markLeasedByDeadProcess(id);

        try (var app = App.start(settings)) {
            var api = new Api(app.port());
            var job = api.await(id, j -> "completed".equals(j.path("status").asText()), Duration.ofSeconds(20));
            assertEquals(300, job.get("success_count").asInt() + job.get("failure_count").asInt());
        }
    }

    /** As if a run died (kill -9) after its last chunk, holding an hour-long lease on the job. */
    private static void markLeasedByDeadProcess(String id) throws Exception {
        try (var db = EmbeddedDatabase.start(DATA, false);
             var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
             var st = c.prepareStatement("""
                     UPDATE bulk_job SET status = 'processing', completed_at = NULL, lease_owner = 'dead-run',
                            lease_until = now() + interval '1 hour'
                     WHERE id = ?""")) {
            st.setLong(1, Long.parseLong(id.substring("bulk-".length())));
            assertEquals(1, st.executeUpdate());
        }
    }
}
