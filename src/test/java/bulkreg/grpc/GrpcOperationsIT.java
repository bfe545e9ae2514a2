package bulkreg.grpc;

import bulkreg.grpc.v1.BulkRegistrationServiceGrpc;
import bulkreg.grpc.v1.GetBulkRegistrationRequest;
import bulkreg.grpc.v1.JobEvent;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.WatchJobEventsRequest;
import bulkreg.support.GrpcClient;
import bulkreg.support.StreamRecorder;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static bulkreg.support.GrpcClient.refused;
import static bulkreg.support.GrpcClient.workshopFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operators and generic tools see: health, reflection, an unavailable database, retention, shutdown. */
class GrpcOperationsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void reflectionListsTheServicesAndHealthFollowsTheDatabase() throws Exception {
        var database = TestDatabase.fresh();
        try (var app = TestApp.start(database, 100); var client = GrpcClient.to(app)) {
            assertEquals(Set.of("bulkreg.v1.BulkRegistrationService", "grpc.health.v1.Health",
                    "grpc.reflection.v1.ServerReflection"), services(client));
            assertEquals(ServingStatus.SERVING, health(client));

            var name = database.substring(database.lastIndexOf('/') + 1);
            try (var c = TestDatabase.admin(); var st = c.createStatement()) {
                st.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
            var e = refused(Status.Code.UNAVAILABLE, () -> client.blocking().getBulkRegistration(
                    GetBulkRegistrationRequest.newBuilder().setId("bulk-001").build()));
            assertTrue(StatusProto.fromThrowable(e).getDetailsList().stream().anyMatch(d -> d.is(RetryInfo.class)));
            awaitHealth(client, ServingStatus.NOT_SERVING);

            try (var c = TestDatabase.admin(); var st = c.createStatement()) {
                st.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
            awaitHealth(client, ServingStatus.SERVING);
        }
    }

    @Test
    void resumingFromBeforeTheOldestKeptEventIsAFailedPreconditionNotAGap() throws Exception {
        var database = TestDatabase.fresh();
        try (var app = TestApp.start(TestApp.settings(database, 100, Duration.ofSeconds(1)), database);
             var client = GrpcClient.to(app)) {
            var job = client.blocking().createBulkRegistration(workshopFor("kept", 3).build());
            client.awaitStatus(job.getId(), JobStatus.JOB_STATUS_COMPLETED);
            long purged = awaitPurge(app);

            var tooOld = StreamRecorder.<WatchJobEventsRequest, JobEvent>reading();
            client.async().watchJobEvents(WatchJobEventsRequest.newBuilder().setAfterSequence(0).build(), tooOld);
            assertEquals(Status.Code.FAILED_PRECONDITION, tooOld.awaitFailure(TIMEOUT));
            assertTrue(tooOld.failure().getStatus().getDescription().startsWith(
                    "Job events up to sequence " + purged + " were deleted after their retention time"),
                    tooOld.failure().getStatus().getDescription());

            var fromTheHorizon = StreamRecorder.<WatchJobEventsRequest, JobEvent>reading();
            client.async().watchJobEvents(WatchJobEventsRequest.newBuilder().setAfterSequence(purged).build(),
                    fromTheHorizon);
            var next = client.blocking().createBulkRegistration(workshopFor("next", 1).build());
            fromTheHorizon.awaitMessage(e -> e.getJobId().equals(next.getId()), TIMEOUT);
            fromTheHorizon.cancel();
        }
    }

    @Test
    void shuttingDownEndsOpenStreamsWithUnavailableSoClientsReconnect() throws Exception {
        var app = TestApp.start();
        var client = GrpcClient.to(app);
        try {
            var events = StreamRecorder.<WatchJobEventsRequest, JobEvent>reading();
            client.async().watchJobEvents(WatchJobEventsRequest.getDefaultInstance(), events);
            client.blocking().createBulkRegistration(workshopFor("before-stop", 1).build());
            events.awaitMessage(e -> true, TIMEOUT);
            app.close();
            assertEquals(Status.Code.UNAVAILABLE, events.awaitFailure(TIMEOUT));
        } finally {
            client.close();
        }
    }

    private static Set<String> services(GrpcClient client) throws Exception {
        var listing = StreamRecorder.<ServerReflectionRequest, ServerReflectionResponse>reading();
        var requests = ServerReflectionGrpc.newStub(client.channel()).serverReflectionInfo(listing);
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        List<ServerReflectionResponse> responses = listing.awaitCompletion(TIMEOUT);
        return responses.getFirst().getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).collect(Collectors.toSet());
    }

    private static ServingStatus health(GrpcClient client) {
        return HealthGrpc.newBlockingStub(client.channel()).check(HealthCheckRequest.newBuilder()
                .setService(BulkRegistrationServiceGrpc.SERVICE_NAME).build()).getStatus();
    }

    private static void awaitHealth(GrpcClient client, ServingStatus wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (health(client) != wanted) {
            assertTrue(System.nanoTime() < deadline, "health never became " + wanted);
            GrpcClient.pause(200);
        }
    }

    private static long awaitPurge(TestApp app) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (var c = app.sql(); var st = c.createStatement();
                 var rows = st.executeQuery("SELECT through_seq FROM job_event_purged")) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    return rows.getLong(1);
                }
            }
            GrpcClient.pause(200);
        }
        throw new AssertionError("no job event was ever deleted");
    }
}
