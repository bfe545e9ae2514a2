package bulkreg.grpc;

import bulkreg.grpc.v1.JobEventKind;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.MentorResult;
import bulkreg.grpc.v1.WatchBulkRegistrationRequest;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;
import bulkreg.support.GrpcClient;
import bulkreg.support.StreamRecorder;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many watchers of the same jobs, in both variants: every watcher gets its own complete, ordered stream of
 * its variant and its job, and each message is encoded once for all the watchers that receive it. They watch
 * on an instance without workers, and the jobs run once another instance starts, so that every watcher
 * follows them from the start however fast the machine is.
 */
class SharedWatchesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int WATCHERS = 12;

    /** One watch as asked, and what it received. */
    private record Watch(String jobId, int mentors, boolean omitChangedResults,
                         StreamRecorder<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse> stream) {
    }

    @Test
    void everyWatcherGetsItsOwnVariantAndJobInOrderAndEachMessageIsEncodedOnce() throws Exception {
        var database = TestDatabase.fresh();
        try (var serving = TestApp.serveOnly(database, 100); var client = GrpcClient.to(serving);
             var slowClient = GrpcClient.withWindow(serving, 128)) {
            var big = client.blocking().createBulkRegistration(GrpcClient.workshopFor("big", 3_000).build());
            var small = client.blocking().createBulkRegistration(GrpcClient.workshopFor("small", 1_000).build());
            var watches = new ArrayList<Watch>();
            for (int i = 0; i < WATCHERS; i++) {
                watches.add(watch(client, big.getId(), 3_000, i % 2 == 0));
            }
            watches.add(watch(client, small.getId(), 1_000, false));
            watches.add(watch(client, small.getId(), 1_000, true));
            var slow = List.of(slowWatch(slowClient, big.getId()), slowWatch(slowClient, big.getId()));
            watches.addAll(slow);
            try (var reading = Executors.newVirtualThreadPerTaskExecutor();
                 var worker = TestApp.start(database, 100)) {
                slow.forEach(watch -> reading.submit(() -> readSlowly(watch)));
                for (var watch : watches) {
                    assertCompleteAndInOrder(watch, watch.stream().awaitCompletion(TIMEOUT));
                }
            }
            assertEachMessageEncodedOnce(watches, serving.grpcStreams().responsesEncoded());
        }
    }

    private static Watch watch(GrpcClient client, String jobId, int mentors, boolean omitChangedResults) {
        var stream = StreamRecorder.<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse>reading();
        client.async().watchBulkRegistration(WatchBulkRegistrationRequest.newBuilder().setId(jobId)
                .setOmitChangedResults(omitChangedResults).build(), stream);
        return new Watch(jobId, mentors, omitChangedResults, stream);
    }

    /**
     * A progress watcher reading a message every 150 ms through a small window, so the server sends it events
     * the full watchers have mostly been sent already: a full message's bytes in place of its own would show.
     */
    private static Watch slowWatch(GrpcClient client, String jobId) {
        var stream = StreamRecorder.<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse>manual();
        client.async().watchBulkRegistration(WatchBulkRegistrationRequest.newBuilder().setId(jobId)
                .setOmitChangedResults(true).build(), stream);
        return new Watch(jobId, 3_000, true, stream);
    }

    private static void readSlowly(Watch watch) {
        while (!watch.stream().isDone()) {
            watch.stream().request(1);
            GrpcClient.pause(150);
        }
    }

    /** The snapshot first, then its own job's events in rising order, with its variant's results, and the end. */
    private static void assertCompleteAndInOrder(Watch watch, List<WatchBulkRegistrationResponse> steps) {
        assertEquals(JobEventKind.JOB_EVENT_KIND_SNAPSHOT, steps.getFirst().getEvent().getKind());
        assertTrue(steps.size() > 2, "the watcher followed the job as it ran: " + steps.size());
        long sequence = steps.getFirst().getEvent().getSequence();
        int results = 0;
        for (var step : steps.subList(1, steps.size())) {
            var event = step.getEvent();
            assertEquals(watch.jobId(), event.getJobId(), "another job's event");
            assertTrue(event.getSequence() > sequence, "events out of order");
            sequence = event.getSequence();
            var positions = step.getChangedResultsList().stream().map(MentorResult::getPosition).toList();
            assertEquals(event.getChangedPositionsList(), positions, "the results of the event's own changes");
            assertTrue(!watch.omitChangedResults() || positions.isEmpty(), "results that were not asked for");
            results += positions.size();
        }
        var last = steps.getLast().getEvent();
        assertEquals(JobStatus.JOB_STATUS_COMPLETED, last.getStatus());
        assertEquals(watch.mentors(), last.getProcessedCount());
        assertEquals(watch.omitChangedResults() ? 0 : watch.mentors(), results, "every mentor's result once");
    }

    /** Snapshots are each watcher's own; every other message once per variant and event, whoever received it. */
    private static void assertEachMessageEncodedOnce(List<Watch> watches, long encoded) throws Exception {
        var variantsAndEvents = new HashSet<List<Object>>();
        long messages = 0;
        for (var watch : watches) {
            var steps = watch.stream().awaitCompletion(TIMEOUT);
            messages += steps.size() - 1;
            steps.subList(1, steps.size()).forEach(step -> variantsAndEvents.add(
                    List.of(watch.omitChangedResults(), step.getEvent().getSequence())));
        }
        assertEquals(variantsAndEvents.size(), encoded);
        assertTrue(messages > 2 * encoded, messages + " messages from " + encoded + " encodings");
    }
}
