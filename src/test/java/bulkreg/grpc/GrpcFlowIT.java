package bulkreg.grpc;

import bulkreg.grpc.v1.JobEvent;
import bulkreg.grpc.v1.JobEventKind;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.WatchBulkRegistrationRequest;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;
import bulkreg.grpc.v1.WatchJobEventsRequest;
import bulkreg.support.GrpcClient;
import bulkreg.support.StreamRecorder;
import bulkreg.support.TestApp;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static bulkreg.support.GrpcClient.workshopFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams respect the reader: a reader that stops reading holds the server back, cancelling or running out of
 * time ends the server's work at once, and a consumer that reconnects misses nothing. What the server holds
 * is read from the gRPC front's stream gauge.
 */
class GrpcFlowIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static TestApp app;
    private static GrpcClient client;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        client = GrpcClient.to(app);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        client.close();
        app.close();
    }

    private static StreamRecorder<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse> watch(
            GrpcClient by, String id, StreamRecorder<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse> r) {
        by.async().watchBulkRegistration(WatchBulkRegistrationRequest.newBuilder().setId(id).build(), r);
        return r;
    }

    private static int awaitOpenSubscriptions(int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (app.grpcStreams().openSubscriptions() != expected && System.nanoTime() < deadline) {
            GrpcClient.pause(20);
        }
        return app.grpcStreams().openSubscriptions();
    }

    @Test
    void aReaderThatStopsReadingHoldsTheServerBackUntilItReadsAgain() throws Exception {
        int before = awaitOpenSubscriptions(0);
        long takenBefore = app.grpcStreams().eventsTaken();
        try (var slow = GrpcClient.withWindow(app, 64 * 1024)) {
            var job = client.blocking().createBulkRegistration(workshopFor("slow", 10_000).build());
            var reader = watch(slow, job.getId(), StreamRecorder.manual());
            reader.request(1);
            reader.awaitMessage(step -> true, TIMEOUT);
            client.awaitStatus(job.getId(), JobStatus.JOB_STATUS_COMPLETED);

            // About 100 progress events of 100 results each (~350 KB) are due, far more than the reader's
            // 64 KiB window: had the server not waited for isReady(), it would have taken them all from the
            // core into its buffers, and its subscription would have ended with the job.
            GrpcClient.pause(500);
            assertEquals(before + 1, app.grpcStreams().openSubscriptions(), "the server waits for the reader");
            long taken = app.grpcStreams().eventsTaken() - takenBefore;
            assertTrue(taken < 50, "the server took only what the transport could hold: " + taken);
            reader.assertReceived(1);

            reader.request(Integer.MAX_VALUE);
            var steps = reader.awaitCompletion(TIMEOUT);
            assertEquals(JobStatus.JOB_STATUS_COMPLETED, steps.getLast().getEvent().getStatus());
            assertEquals(10_000, steps.stream().mapToInt(WatchBulkRegistrationResponse::getChangedResultsCount).sum()
                    + steps.getFirst().getEvent().getProcessedCount());
        }
        assertEquals(before, awaitOpenSubscriptions(before));
    }

    @Test
    void cancellingAStreamEndsTheServersSubscriptionAtOnce() {
        int before = awaitOpenSubscriptions(0);
        var job = client.blocking().createBulkRegistration(workshopFor("cancelled", 10_000).build());
        var readers = new ArrayList<StreamRecorder<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse>>();
        for (int i = 0; i < 3; i++) {
            var reader = watch(client, job.getId(), StreamRecorder.manual());
            reader.request(1);
            reader.awaitMessage(step -> true, TIMEOUT);
            readers.add(reader);
        }
        var events = StreamRecorder.<WatchJobEventsRequest, JobEvent>reading();
        client.async().watchJobEvents(WatchJobEventsRequest.getDefaultInstance(), events);
        assertEquals(before + 4, awaitOpenSubscriptions(before + 4));

        readers.forEach(StreamRecorder::cancel);
        events.cancel();
        assertEquals(before, awaitOpenSubscriptions(before), "every subscription ends with its call");
    }

    @Test
    void anExpiredDeadlineEndsTheStreamAndTheServersSubscription() throws Exception {
        int before = awaitOpenSubscriptions(0);
        var events = StreamRecorder.<WatchJobEventsRequest, JobEvent>reading();
        client.async().withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                .watchJobEvents(WatchJobEventsRequest.getDefaultInstance(), events);
        long started = System.nanoTime();
        assertEquals(Status.Code.DEADLINE_EXCEEDED, events.awaitFailure(TIMEOUT));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(3).toNanos());
        assertEquals(before, awaitOpenSubscriptions(before));
    }

    @Test
    void aConsumerThatReconnectsWithItsLastSequenceMissesNothingAndSeesNothingTwice() throws Exception {
        long start = app.service().latestEventSequence();
        var job = client.blocking().createBulkRegistration(workshopFor("resume", 2_000).build());

        var first = StreamRecorder.<WatchJobEventsRequest, JobEvent>reading();
        client.async().watchJobEvents(WatchJobEventsRequest.newBuilder().setAfterSequence(start).build(), first);
        var seen = first.awaitMessage(e -> e.getKind() == JobEventKind.JOB_EVENT_KIND_PROGRESSED, TIMEOUT);
        first.cancel();
        var before = first.messages();
        assertTrue(before.size() >= seen.size());

        var second = StreamRecorder.<WatchJobEventsRequest, JobEvent>reading();
        client.async().watchJobEvents(WatchJobEventsRequest.newBuilder()
                .setAfterSequence(before.getLast().getSequence()).build(), second);
        var after = second.awaitMessage(e -> e.getJobId().equals(job.getId())
                && e.getKind() == JobEventKind.JOB_EVENT_KIND_COMPLETED, TIMEOUT);
        second.cancel();

        var all = new ArrayList<>(before);
        all.addAll(after);
        var sequences = all.stream().map(JobEvent::getSequence).toList();
        assertEquals(sequencesInTheLog(start, sequences.getLast()), sequences, "no gap and no repeat");
        assertEquals(2_000, all.stream().filter(e -> e.getJobId().equals(job.getId()))
                .mapToInt(JobEvent::getChangedPositionsCount).sum());
    }

    private static List<Long> sequencesInTheLog(long after, long through) throws Exception {
        try (var c = app.sql();
             var st = c.prepareStatement("SELECT seq FROM job_event WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            st.setLong(1, after);
            st.setLong(2, through);
            var rows = st.executeQuery();
            var seqs = new ArrayList<Long>();
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
            return seqs;
        }
    }
}
