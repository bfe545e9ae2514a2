package bulkreg.graphql;

import bulkreg.support.GraphQlClient;
import bulkreg.support.Requests;
import bulkreg.support.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Listing 100 jobs with their first 10 results and mentor ids costs a fixed number of SQL statements, not
 * one per job: counted at DB Client, with the workers idle (a long poll interval) so nothing else runs.
 */
class DataLoaderIT {

    @Test
    void listingAHundredJobsWithTheirResultsCostsAFixedNumberOfStatements() {
        var settings = TestApp.settings(GraphQlLimits.defaults(1 << 20), Duration.ofMinutes(10));
        try (var app = TestApp.start(settings)) {
            var graphQl = new GraphQlClient(app.port());
            String last = null;
            for (int i = 0; i < 100; i++) {
                last = app.service().submit(new bulkreg.core.RegistrationRequest("coord-dl",
                        Requests.mentors("dl" + i, 12), "group_workshop", "2026-03-28", 60, null, false)).id()
                        .toString();
            }
            app.api().awaitStatus(last, "completed");
            var document = """
                    { bulkRegistrations(first: 100, filter: {coordinatorId: "coord-dl"}) {
                        totalCount
                        edges { node { id mentorIds notes status
                          results(first: 10) { totalCount pageInfo { hasNextPage } edges { node { mentorId status activityId } } }
                        } } } }""";
            graphQl.query(document, Map.of()); // warm up: the worker may still be releasing the last job

            long before = app.sqlStatements();
            var listing = graphQl.query(document, Map.of()).path("data").path("bulkRegistrations");
            long statements = app.sqlStatements() - before;

            assertEquals(100, listing.path("edges").size());
            listing.path("edges").forEach(edge -> {
                var results = edge.path("node").path("results");
                assertEquals(10, results.path("edges").size());
                assertTrue(results.path("pageInfo").path("hasNextPage").asBoolean());
                assertEquals(12, edge.path("node").path("mentorIds").size());
            });
            assertTrue(statements <= 4, "listing 100 jobs with results took " + statements + " statements");
        }
    }
}
