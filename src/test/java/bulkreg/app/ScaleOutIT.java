package bulkreg.app;

import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.WatchBulkRegistrationRequest;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;
import bulkreg.support.Api;
import bulkreg.support.AtTheSameMoment;
import bulkreg.support.GraphQlSocket;
import bulkreg.support.GrpcClient;
import bulkreg.support.Poll;
import bulkreg.support.Requests;
import bulkreg.support.Rows;
import bulkreg.support.ServiceProcess;
import bulkreg.support.StreamRecorder;
import bulkreg.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several instances of the real jar, each an OS process of its own, on one PostgreSQL: the work is shared
 * through the database, events reach every instance, and neither a killed nor a stopping instance loses or
 * repeats a registration.
 */
class ScaleOutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PROGRESS = """
            subscription($id: ID!) { bulkRegistrationProgress(id: $id) {
              sequence kind status successCount failureCount progress { processed total }
              changedResults { position } } }""";

    @Test
    void aJobWhoseInstanceIsKilledIsFinishedByAnotherWithExactlyOneActivityPerMentor() {
        var database = TestDatabase.fresh();
        var rows = new Rows(database);
        var settings = ServiceProcess.settings(database);
        settings.put("CHUNK_SIZE", "50");
        // Several ranges of the job in flight when the instance dies: none may be half written or written twice.
        settings.put("PARALLEL_CHUNKS", "4");
        try (var a = ServiceProcess.launch("kill-a", settings); var b = ServiceProcess.launch("kill-b", settings)) {
            a.awaitListening();
            b.awaitListening();
            var id = create(a, Requests.workshopFor("killed", 10_000));
            Poll.until("the first chunk of " + id, TIMEOUT, () -> rows.job(id).successCount() > 0);

            ServiceProcess victim;
            try (var held = rows.holdWrites()) {
                var mid = rows.job(id);
                assertEquals("processing", mid.status(), "the kill must come in the middle of the job");
                victim = rows.leasedTo(id, a.pid()) ? a : b;
                assertTrue(rows.leasedTo(id, victim.pid()), () -> "leased to " + mid.leaseOwner());
                victim.kill();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            var survivor = victim == a ? b : a;

            var job = survivor.api().awaitStatus(id, "completed");
            assertEquals(10_000, job.get("success_count").asInt());
            assertEquals(0, job.get("failure_count").asInt());
            assertTrue(IntStream.range(0, 10_000).allMatch(i ->
                    job.get("results").get(i).get("status").asText().equals("success")
                            && job.get("results").get(i).get("mentor_id").asText().equals("killed-" + (i + 1))));
            assertEquals(10_000, rows.activitiesOf(id));
            assertEquals(10_000, rows.mentorsRegisteredBy(id));
            assertEquals(0, rows.failuresOf(id));
            assertEquals(10_000, rows.mentorsRegistered("killed-"));
            assertEquals(0, rows.mentorsRegisteredTwice("killed-"));
            var progress = rows.progressOf(id);
            assertEquals(200, progress.size(), "one event per chunk of 50, across the kill");
            assertTrue(IntStream.range(0, 200).allMatch(i -> progress.get(i).from() == i * 50
                    && progress.get(i).processed() == (i + 1) * 50), "events in position order, counts growing");
        }
    }

    @Test
    void subscribersOnAServeOnlyInstanceFollowAJobProcessedByAnotherToItsEnd() throws Exception {
        var database = TestDatabase.fresh();
        var rows = new Rows(database);
        var serveOnly = ServiceProcess.settings(database);
        serveOnly.put("WORKERS", "0");
        try (var worker = ServiceProcess.launch("events-worker", ServiceProcess.settings(database));
             var server = ServiceProcess.launch("events-server", serveOnly)) {
            worker.awaitListening();
            server.awaitListening();
            assertTrue(server.log().contains("WORKERS is 0"), server::log);
            try (var socket = GraphQlSocket.open(server.port()).init(); var grpc = GrpcClient.to(server.grpcPort())) {
                String id;
                var watch = StreamRecorder.<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse>reading();
                try (var held = rows.holdWrites()) {
                    // Created on the serve-only instance: only the other one can process it.
                    id = create(server, Requests.workshopFor("followed", 5_000));
                    socket.subscribe("progress", PROGRESS, Map.of("id", id));
                    grpc.async().watchBulkRegistration(WatchBulkRegistrationRequest.newBuilder().setId(id).build(),
                            watch);
                    Poll.until("the worker instance takes " + id, TIMEOUT, () -> rows.leasedTo(id, worker.pid()));
                    watch.awaitMessage(m -> true, TIMEOUT);
                }
                assertGraphQlFollowedToCompletion(socket, 5_000);
                assertGrpcFollowedToCompletion(watch.awaitCompletion(TIMEOUT), 5_000);
            }
        }
    }

    @Test
    void concurrentDuplicateJobsOnDifferentInstancesRegisterEachMentorExactlyOnce() throws Exception {
        var database = TestDatabase.fresh();
        var rows = new Rows(database);
        var settings = ServiceProcess.settings(database);
        settings.put("WORKERS", "1");
        try (var a = ServiceProcess.launch("dup-a", settings); var b = ServiceProcess.launch("dup-b", settings)) {
            a.awaitListening();
            b.awaitListening();
            List<String> ids;
            try (var held = rows.holdWrites()) {
                ids = AtTheSameMoment.run(List.<Supplier<String>>of(
                        () -> create(a, Requests.workshopFor("twice", 2_000)),
                        () -> create(b, Requests.workshopFor("twice", 2_000))));
                // One worker per instance: two leased jobs are necessarily on two instances.
                Poll.until("both jobs leased", TIMEOUT, () -> ids.stream().allMatch(id ->
                        rows.leasedTo(id, a.pid()) || rows.leasedTo(id, b.pid())));
                assertNotEquals(rows.job(ids.get(0)).leaseOwner(), rows.job(ids.get(1)).leaseOwner());
            }
            var first = a.api().awaitStatus(ids.get(0), "completed");
            var second = b.api().awaitStatus(ids.get(1), "completed");

            assertEquals(2_000, first.get("success_count").asInt() + second.get("success_count").asInt());
            assertEquals(2_000, first.get("failure_count").asInt() + second.get("failure_count").asInt());
            assertEquals(2_000, rows.activitiesOf(ids.get(0)) + rows.activitiesOf(ids.get(1)));
            assertEquals(2_000, rows.mentorsRegistered("twice-"));
            assertEquals(0, rows.mentorsRegisteredTwice("twice-"));
            for (var job : List.of(first, second)) {
                for (var result : job.get("results")) {
                    if (result.get("status").asText().equals("failed")) {
                        assertEquals("DUPLICATE_ACTIVITY", result.get("error").get("code").asText());
                    }
                }
            }
        }
    }

    @Test
    void aTerminatedInstanceEndsItsStreamsAndReleasesItsJobSoAnotherContinuesItAtOnce() throws Exception {
        var database = TestDatabase.fresh();
        var rows = new Rows(database);
        var settings = ServiceProcess.settings(database);
        settings.put("WORKERS", "1");
        // A lease far longer than the test's waits: the job can only move on in time if it is released.
        settings.put("LEASE", "PT60S");
        String id;
        try (var stopping = ServiceProcess.start("term-stopping", settings)) {
            var watch = StreamRecorder.<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse>reading();
            try (var held = rows.holdWrites(); var grpc = GrpcClient.to(stopping.grpcPort())) {
                var created = create(stopping, Requests.workshopFor("handed", 10_000));
                id = created;
                Poll.until(id + " leased", TIMEOUT, () -> rows.leasedTo(created, stopping.pid()));
                var socket = GraphQlSocket.open(stopping.port()).init();
                socket.subscribe("progress", PROGRESS, Map.of("id", id));
                assertEquals("next", socket.next().path("type").asText());
                grpc.async().watchBulkRegistration(WatchBulkRegistrationRequest.newBuilder().setId(id).build(), watch);
                watch.awaitMessage(m -> true, TIMEOUT);

                stopping.terminate();
                // Its first chunk waits on the held writes; the instance is stopping once its sockets close.
                assertEquals(1001, awaitClose(socket).code());
                held.close();
                assertEquals(Status.Code.UNAVAILABLE, watch.awaitFailure(Duration.ofSeconds(20)));
            }
            stopping.awaitExit(Duration.ofSeconds(30));
            var released = rows.job(id);
            assertEquals("processing", released.status());
            assertEquals(null, released.leaseOwner(), "the stopping instance released its job");
            // Chunks of 100, two of them in flight at once (PARALLEL_CHUNKS' default).
            assertTrue(released.successCount() <= 200,
                    () -> "the stopping instance ends the chunks in flight and starts no other: " + released);
        }
        // Well within the 60-second lease: the job was free the moment the first instance let it go.
        try (var other = ServiceProcess.start("term-other", settings)) {
            var job = other.api().await(id, j -> j.path("status").asText().equals("completed"),
                    Duration.ofSeconds(30));
            assertEquals(10_000, job.get("success_count").asInt());
            assertEquals(10_000, rows.activitiesOf(id));
            assertEquals(10_000, rows.mentorsRegistered("handed-"));
            assertEquals(0, rows.mentorsRegisteredTwice("handed-"));
        }
    }

    private static GraphQlSocket.Closed awaitClose(GraphQlSocket socket) {
        try (socket) {
            return socket.awaitClose(Duration.ofSeconds(20));
        }
    }

    private static String create(ServiceProcess instance, Map<String, Object> body) {
        var response = instance.api().post(Api.BASE, body);
        assertEquals(202, response.status(), () -> response.raw().body());
        return response.json().get("id").asText();
    }

    private static void assertGraphQlFollowedToCompletion(GraphQlSocket socket, int mentors) {
        var events = new ArrayList<JsonNode>();
        JsonNode message;
        while ((message = socket.next()).path("type").asText().equals("next")) {
            assertTrue(message.path("payload").path("errors").isMissingNode(), message.toString());
            events.add(message.path("payload").path("data").path("bulkRegistrationProgress"));
        }
        assertEquals("complete", message.path("type").asText(), message.toString());
        assertEquals("SNAPSHOT", events.getFirst().path("kind").asText());
        var positions = new ArrayList<Integer>();
        long sequence = -1;
        for (var event : events.subList(1, events.size())) {
            long now = Long.parseLong(event.path("sequence").asText());
            assertTrue(now > sequence, "events in order");
            sequence = now;
            event.path("changedResults").forEach(r -> positions.add(r.path("position").asInt()));
        }
        int before = events.getFirst().path("progress").path("processed").asInt();
        assertEquals(IntStream.range(before, mentors).boxed().toList(), positions.stream().sorted().toList(),
                "every mentor's result arrives once");
        var last = events.getLast();
        assertEquals("COMPLETED", last.path("status").asText());
        assertEquals(mentors, last.path("successCount").asInt());
    }

    private static void assertGrpcFollowedToCompletion(List<WatchBulkRegistrationResponse> steps, int mentors) {
        var positions = new ArrayList<Integer>();
        for (var step : steps.subList(1, steps.size())) {
            positions.addAll(step.getEvent().getChangedPositionsList());
        }
        int before = steps.getFirst().getEvent().getProcessedCount();
        assertEquals(IntStream.range(before, mentors).boxed().toList(), positions.stream().sorted().toList());
        var last = steps.getLast().getEvent();
        assertEquals(JobStatus.JOB_STATUS_COMPLETED, last.getStatus());
        assertEquals(mentors, last.getProcessedCount());
    }
}
