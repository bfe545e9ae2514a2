package bulkreg.grpc;

import bulkreg.grpc.v1.BulkRegistration;
import bulkreg.grpc.v1.ItemStatus;
import bulkreg.grpc.v1.JobEvent;
import bulkreg.grpc.v1.JobEventKind;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.ListResultsRequest;
import bulkreg.grpc.v1.MentorIdChunk;
import bulkreg.grpc.v1.MentorResult;
import bulkreg.grpc.v1.UploadBulkRegistrationRequest;
import bulkreg.grpc.v1.UploadHeader;
import bulkreg.grpc.v1.WatchBulkRegistrationRequest;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;
import bulkreg.grpc.v1.WatchJobEventsRequest;
import bulkreg.support.GrpcClient;
import bulkreg.support.Requests;
import bulkreg.support.StreamRecorder;
import bulkreg.support.TestApp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static bulkreg.support.GrpcClient.refused;
import static bulkreg.support.GrpcClient.violations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming RPCs followed to completion on a 10,000-mentor job, and uploads with their limits. */
class GrpcStreamsIT {

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

    @Test
    void anUploadedTenThousandMentorJobIsFollowedByEveryStreamToTheEnd() throws Exception {
        var allEvents = StreamRecorder.<WatchJobEventsRequest, JobEvent>reading();
        client.async().watchJobEvents(WatchJobEventsRequest.newBuilder().setAfterSequence(0).build(), allEvents);

        var job = upload(header(), chunks(Requests.mentors("big", 10_000), 1000)).get(30, TimeUnit.SECONDS);
        assertEquals(10_000, job.getMentorCount());

        var watch = StreamRecorder.<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse>reading();
        client.async().watchBulkRegistration(WatchBulkRegistrationRequest.newBuilder().setId(job.getId()).build(),
                watch);
        var progressOnly = StreamRecorder.<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse>reading();
        client.async().watchBulkRegistration(WatchBulkRegistrationRequest.newBuilder().setId(job.getId())
                .setOmitChangedResults(true).build(), progressOnly);
        assertWatchedToCompletion(watch.awaitCompletion(TIMEOUT));
        var steps = progressOnly.awaitCompletion(TIMEOUT);
        assertTrue(steps.size() > 2, "the progress-only watcher saw the job move");
        assertEquals(JobStatus.JOB_STATUS_COMPLETED, steps.getLast().getEvent().getStatus());
        assertEquals(10_000, steps.getLast().getEvent().getProcessedCount());
        assertTrue(steps.stream().allMatch(step -> step.getChangedResultsCount() == 0), "no results asked for");

        var results = StreamRecorder.<ListResultsRequest, MentorResult>reading();
        client.async().listResults(ListResultsRequest.newBuilder().setId(job.getId()).build(), results);
        var all = results.awaitCompletion(TIMEOUT);
        assertEquals(IntStream.range(0, 10_000).boxed().toList(), all.stream().map(MentorResult::getPosition).toList());
        assertEquals("big-10000", all.getLast().getMentorId());
        assertTrue(all.stream().allMatch(r -> r.getStatus() == ItemStatus.ITEM_STATUS_SUCCESS
                && r.getActivityId().startsWith("pa-")));
        var failed = StreamRecorder.<ListResultsRequest, MentorResult>reading();
        client.async().listResults(ListResultsRequest.newBuilder().setId(job.getId())
                .setStatus(ItemStatus.ITEM_STATUS_FAILED).build(), failed);
        assertEquals(List.of(), failed.awaitCompletion(TIMEOUT));

        var events = allEvents.awaitMessage(e -> e.getJobId().equals(job.getId())
                && e.getKind() == JobEventKind.JOB_EVENT_KIND_COMPLETED, TIMEOUT);
        allEvents.cancel();
        var ofJob = events.stream().filter(e -> e.getJobId().equals(job.getId())).toList();
        assertEquals(JobEventKind.JOB_EVENT_KIND_CREATED, ofJob.getFirst().getKind());
        assertEquals(10_000, ofJob.stream().mapToInt(JobEvent::getChangedPositionsCount).sum());
        assertEquals(sequencesInTheLog(events.getLast().getSequence()),
                events.stream().map(JobEvent::getSequence).toList());
    }

    private static void assertWatchedToCompletion(List<WatchBulkRegistrationResponse> steps) {
        var snapshot = steps.getFirst().getEvent();
        assertEquals(JobEventKind.JOB_EVENT_KIND_SNAPSHOT, snapshot.getKind());
        var changed = new ArrayList<Integer>();
        int processed = snapshot.getProcessedCount();
        for (var step : steps.subList(1, steps.size())) {
            assertTrue(step.getEvent().getProcessedCount() >= processed, "progress never goes back");
            processed = step.getEvent().getProcessedCount();
            step.getChangedResultsList().forEach(r -> changed.add(r.getPosition()));
            assertEquals(step.getEvent().getChangedPositionsList(),
                    step.getChangedResultsList().stream().map(MentorResult::getPosition).toList());
        }
        var last = steps.getLast().getEvent();
        assertEquals(JobStatus.JOB_STATUS_COMPLETED, last.getStatus());
        assertEquals(10_000, last.getProcessedCount());
        assertEquals(IntStream.range(snapshot.getProcessedCount(), 10_000).boxed().toList(), changed);
    }

    @Test
    void anUploadMustStartWithItsOneHeader() {
        var ids = chunks(List.of("m-1"), 1);
        assertUploadRefused(Status.Code.INVALID_ARGUMENT, List.of(),
                List.of("header REQUIRED is required as the first message, before any mentor_ids"));
        assertUploadRefused(Status.Code.INVALID_ARGUMENT, ids,
                List.of("header REQUIRED is required as the first message, before any mentor_ids"));
        var twice = new ArrayList<>(List.of(header(), header()));
        assertUploadRefused(Status.Code.INVALID_ARGUMENT, twice,
                List.of("header DUPLICATE is sent once, as the first message"));
    }

    @Test
    void anUploadIsValidatedAsAWholeWithPositionsAcrossChunks() {
        var mentors = new ArrayList<>(Requests.mentors("chunked", 1500));
        mentors.set(1200, "chunked-7");
        var messages = new ArrayList<UploadBulkRegistrationRequest>();
        messages.add(header());
        messages.addAll(chunks(mentors, 1000));
        assertUploadRefused(Status.Code.INVALID_ARGUMENT, messages,
                List.of("mentor_ids[1200] DUPLICATE repeats mentor_ids[6] (chunked-7); list each mentor once"));
    }

    @Test
    void anUploadPastTheMentorLimitIsRefusedAsSoonAsTheChunkThatPassesItArrives() throws Exception {
        var response = new CompletableFuture<BulkRegistration>();
        var upload = client.async().uploadBulkRegistration(observer(response));
        upload.onNext(header());
        for (var chunk : chunks(Requests.mentors("over", 10_500), 1500)) {
            upload.onNext(chunk); // never half-closed: the refusal must come without the end of the upload
        }
        var failure = assertFailsWith(Status.Code.RESOURCE_EXHAUSTED, response);
        assertEquals(List.of("mentor_ids TOO_MANY must list between 1 and 10000 mentors (got 10500)"),
                violations(failure));
        upload.onCompleted();
    }

    @Test
    void streamsOfAnUnknownJobAreNotFoundAndANegativeResumeIsInvalid() throws Exception {
        var watch = StreamRecorder.<WatchBulkRegistrationRequest, WatchBulkRegistrationResponse>reading();
        client.async().watchBulkRegistration(WatchBulkRegistrationRequest.newBuilder().setId("bulk-999999").build(),
                watch);
        assertEquals(Status.Code.NOT_FOUND, watch.awaitFailure(TIMEOUT));
        var results = StreamRecorder.<ListResultsRequest, MentorResult>reading();
        client.async().listResults(ListResultsRequest.newBuilder().setId("bulk-999999").build(), results);
        assertEquals(Status.Code.NOT_FOUND, results.awaitFailure(TIMEOUT));
        var e = refused(Status.Code.INVALID_ARGUMENT, () -> client.blocking()
                .watchJobEvents(WatchJobEventsRequest.newBuilder().setAfterSequence(-1).build()).hasNext());
        assertEquals(List.of("after_sequence OUT_OF_RANGE must not be negative (0 resumes from the first event)"),
                violations(e));
    }

    // --- fixtures ---

    static UploadBulkRegistrationRequest header() {
        return UploadBulkRegistrationRequest.newBuilder().setHeader(UploadHeader.newBuilder()
                .setCoordinatorId("coord-42").setActivityType("group_workshop").setActivityDate("2026-03-28")
                .setDurationMinutes(90)).build();
    }

    static List<UploadBulkRegistrationRequest> chunks(List<String> mentors, int size) {
        var chunks = new ArrayList<UploadBulkRegistrationRequest>();
        for (int i = 0; i < mentors.size(); i += size) {
            chunks.add(UploadBulkRegistrationRequest.newBuilder().setMentorIds(MentorIdChunk.newBuilder()
                    .addAllMentorIds(mentors.subList(i, Math.min(i + size, mentors.size())))).build());
        }
        return chunks;
    }

    private static CompletableFuture<BulkRegistration> upload(UploadBulkRegistrationRequest header,
                                                              List<UploadBulkRegistrationRequest> chunks) {
        var messages = new ArrayList<UploadBulkRegistrationRequest>();
        messages.add(header);
        messages.addAll(chunks);
        return upload(messages);
    }

    private static CompletableFuture<BulkRegistration> upload(List<UploadBulkRegistrationRequest> messages) {
        var response = new CompletableFuture<BulkRegistration>();
        var upload = client.async().uploadBulkRegistration(observer(response));
        messages.forEach(upload::onNext);
        upload.onCompleted();
        return response;
    }

    private static void assertUploadRefused(Status.Code code, List<UploadBulkRegistrationRequest> messages,
                                            List<String> violations) {
        var failure = assertFailsWith(code, upload(messages));
        assertEquals(violations, violations(failure));
    }

    private static io.grpc.StatusRuntimeException assertFailsWith(Status.Code code,
                                                                 CompletableFuture<BulkRegistration> response) {
        try {
            var job = response.get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected " + code + " but created " + job.getId());
        } catch (java.util.concurrent.ExecutionException e) {
            var status = Status.fromThrowable(e.getCause());
            assertEquals(code, status.getCode(), status.toString());
            return (io.grpc.StatusRuntimeException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static StreamObserver<BulkRegistration> observer(CompletableFuture<BulkRegistration> response) {
        return new StreamObserver<>() {
            @Override
            public void onNext(BulkRegistration value) {
                response.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                response.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    private static List<Long> sequencesInTheLog(long through) throws Exception {
        try (var c = app.sql(); var st = c.prepareStatement("SELECT seq FROM job_event WHERE seq <= ? ORDER BY seq")) {
            st.setLong(1, through);
            var rows = st.executeQuery();
            var seqs = new ArrayList<Long>();
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
            return seqs;
        }
    }
}
