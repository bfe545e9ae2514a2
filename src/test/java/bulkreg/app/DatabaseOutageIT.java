package bulkreg.app;

import bulkreg.grpc.v1.GetBulkRegistrationRequest;
import bulkreg.support.Api;
import bulkreg.support.GraphQlClient;
import bulkreg.support.GrpcClient;
import bulkreg.support.Poll;
import bulkreg.support.Requests;
import bulkreg.support.RestartablePostgres;
import bulkreg.support.Rows;
import bulkreg.support.ServiceProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stops in the middle of a job and starts again: while it is away every front says so promptly
 * (nothing hangs), and once it is back the job resumes by itself and ends with exact totals.
 */
class DatabaseOutageIT {

    /** The most a client may wait for "unavailable" while the database is down. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void whileTheDatabaseIsDownEveryFrontAnswersUnavailableAndTheJobResumesWhenItReturns() throws Exception {
        try (var postgres = RestartablePostgres.start("outage");
             var instance = ServiceProcess.start("outage", ServiceProcess.settings(postgres.jdbcUrl()));
             var grpc = GrpcClient.to(instance.grpcPort())) {
            var rows = new Rows(postgres.jdbcUrl());
            var api = instance.api();
            var created = api.post(Api.BASE, Requests.workshopFor("outage", 10_000));
            assertEquals(202, created.status(), () -> created.raw().body());
            var id = created.json().get("id").asText();
            Poll.until("the first chunk of " + id, TIMEOUT, () -> rows.job(id).successCount() > 0);

            try (var held = rows.holdWrites()) {
                assertEquals("processing", rows.job(id).status(), "the database must stop in the middle of the job");
                postgres.stop();
            }

            var rest = timed(() -> api.get(Api.BASE + "/" + id));
            var post = timed(() -> api.post(Api.BASE, Requests.workshopFor("refused", 3)));
            var graphQl = timed(() -> new GraphQlClient(instance.port())
                    .post("query($id: ID!) { bulkRegistration(id: $id) { id status } }", Map.of("id", id)));
            var grpcCall = timed(() -> grpcStatus(grpc, id));
            var health = timed(() -> api.get("/observe/health"));

            assertEquals(503, rest.join().status(), () -> rest.join().raw().body());
            assertNotNull(rest.join().header("Retry-After"));
            assertEquals("UNAVAILABLE", rest.join().json().get("code").asText());
            assertEquals(503, post.join().status(), () -> post.join().raw().body());
            assertNotNull(post.join().header("Retry-After"));
            assertEquals("UNAVAILABLE", graphQl.join().firstError().path("extensions").path("code").asText(),
                    () -> graphQl.join().raw().body());
            assertEquals(Status.Code.UNAVAILABLE, grpcCall.join());
            assertEquals(503, health.join().status());
            assertEquals("DOWN", health.join().json().get("status").asText());

            postgres.restart();

            var job = api.await(id, j -> j.path("status").asText().equals("completed"), TIMEOUT);
            assertEquals(10_000, job.get("success_count").asInt());
            assertEquals(0, job.get("failure_count").asInt());
            assertEquals(10_000, rows.activitiesOf(id));
            assertEquals(10_000, rows.mentorsRegistered("outage-"));
            assertEquals(0, rows.mentorsRegisteredTwice("outage-"));
            assertEquals(0, rows.failuresOf(id));
            assertEquals("UP", api.get("/observe/health").json().get("status").asText());
        }
    }

    /** Runs the call on a thread of its own, so all fronts wait together; each must answer within PROMPTLY. */
    private static <T> CompletableFuture<T> timed(Supplier<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            var answer = call.get();
            var took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(PROMPTLY) < 0, "answered after " + took);
            return answer;
        }, task -> Thread.ofVirtual().start(task));
    }

    private static Status.Code grpcStatus(GrpcClient grpc, String id) {
        try {
            grpc.blocking().getBulkRegistration(GetBulkRegistrationRequest.newBuilder().setId(id).build());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
