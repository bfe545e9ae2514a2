package bulkreg.grpc;

import bulkreg.grpc.v1.BulkRegistration;
import bulkreg.grpc.v1.CancelBulkRegistrationRequest;
import bulkreg.grpc.v1.CreateBulkRegistrationRequest;
import bulkreg.grpc.v1.DeleteBulkRegistrationRequest;
import bulkreg.grpc.v1.GetBulkRegistrationRequest;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.RetryFailedRequest;
import bulkreg.support.GrpcClient;
import bulkreg.support.TestApp;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static bulkreg.support.GrpcClient.errorInfo;
import static bulkreg.support.GrpcClient.refused;
import static bulkreg.support.GrpcClient.violations;
import static bulkreg.support.GrpcClient.workshopFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unary RPCs over a real channel and PostgreSQL: each answer, each error code and its details. */
class GrpcUnaryIT {

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

    private static BulkRegistration create(CreateBulkRegistrationRequest.Builder request) {
        return client.blocking().createBulkRegistration(request.build());
    }

    private static GetBulkRegistrationRequest get(String id) {
        return GetBulkRegistrationRequest.newBuilder().setId(id).build();
    }

    @Test
    void aRequestIdMakesCreateSafeToRepeatAndRefusesADifferentRequest() {
        var requestId = java.util.UUID.randomUUID().toString();
        var first = create(workshopFor("grpc-idem", 4).setRequestId(requestId));
        var again = create(workshopFor("grpc-idem", 4).setRequestId(requestId));
        assertEquals(first.getId(), again.getId());
        assertEquals(JobStatus.JOB_STATUS_PROCESSING, again.getStatus(), "the first answer");

        var reused = refused(Status.Code.INVALID_ARGUMENT,
                () -> create(workshopFor("grpc-idem", 5).setRequestId(requestId)));
        assertEquals("IDEMPOTENCY_KEY_REUSED", errorInfo(reused).getReason());
        assertTrue(violations(reused).stream().anyMatch(v -> v.startsWith("request_id")), violations(reused).toString());
    }

    @Test
    void aCreatedJobIsAnsweredAsStoredAndCompletesInTheBackground() {
        var created = create(workshopFor("create", 3));
        assertTrue(created.getId().matches("bulk-\\d{3,}"), created.getId());
        assertEquals(JobStatus.JOB_STATUS_PROCESSING, created.getStatus());
        assertEquals(3, created.getMentorCount());
        assertEquals("Spring semester kick-off workshop", created.getNotes());
        assertFalse(created.hasCompleteTime());

        var done = client.awaitStatus(created.getId(), JobStatus.JOB_STATUS_COMPLETED);
        assertEquals(3, done.getSuccessCount());
        assertEquals(3, done.getProcessedCount());
        assertEquals("2026-03-28", done.getActivityDate());
        assertTrue(done.hasCompleteTime());
        assertEquals(done, client.blocking().getBulkRegistration(get(created.getId())));
    }

    @Test
    void anEmptyCreateIsInvalidArgumentNamingEveryRequiredFieldInTheRestWords() {
        var e = refused(Status.Code.INVALID_ARGUMENT,
                () -> client.blocking().createBulkRegistration(CreateBulkRegistrationRequest.getDefaultInstance()));
        assertEquals(List.of("coordinator_id REQUIRED is required",
                "mentor_ids OUT_OF_RANGE must list between 1 and 10000 mentors (got 0)",
                "activity_type REQUIRED is required", "activity_date REQUIRED is required",
                "duration_minutes REQUIRED is required"), violations(e));
        assertEquals("INVALID_INPUT", errorInfo(e).getReason());
        assertEquals("bulkreg", errorInfo(e).getDomain());
    }

    @Test
    void eachBrokenRuleIsAFieldViolationWithItsIndex() {
        var request = workshopFor("rule", 3).setMentorIds(1, "has space").addMentorIds("rule-1")
                .setActivityDate("2026-02-30").setDurationMinutes(0);
        var e = refused(Status.Code.INVALID_ARGUMENT, () -> create(request));
        assertEquals(List.of(
                "mentor_ids[1] INVALID_FORMAT must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'",
                "mentor_ids[3] DUPLICATE repeats mentor_ids[0] (rule-1); list each mentor once",
                "activity_date INVALID_FORMAT must be a real calendar date in the form YYYY-MM-DD (got '2026-02-30')",
                "duration_minutes OUT_OF_RANGE must be between 1 and 1440 minutes"), violations(e));
    }

    @Test
    void moreMentorsThanTheLimitIsResourceExhausted() {
        var e = refused(Status.Code.RESOURCE_EXHAUSTED, () -> create(workshopFor("many", 10_001)));
        assertEquals(List.of("mentor_ids TOO_MANY must list between 1 and 10000 mentors (got 10001)"), violations(e));
    }

    @Test
    void aMessageOverTheSizeLimitIsResourceExhaustedBeforeItIsRead() {
        refused(Status.Code.RESOURCE_EXHAUSTED, () -> create(workshopFor("huge", 1).setNotes("x".repeat(2 << 20))));
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        for (var id : List.of("bulk-999999", "bulk-7", "", "nonsense")) {
            var e = refused(Status.Code.NOT_FOUND, () -> client.blocking().getBulkRegistration(get(id)));
            assertEquals("No bulk registration job " + id, e.getStatus().getDescription());
            assertEquals("NOT_FOUND", errorInfo(e).getReason());
        }
        refused(Status.Code.NOT_FOUND, () -> client.blocking().cancelBulkRegistration(
                CancelBulkRegistrationRequest.newBuilder().setId("bulk-999999").build()));
        refused(Status.Code.NOT_FOUND, () -> client.blocking().deleteBulkRegistration(
                DeleteBulkRegistrationRequest.newBuilder().setId("bulk-999999").build()));
        refused(Status.Code.NOT_FOUND, () -> client.blocking().retryFailed(
                RetryFailedRequest.newBuilder().setId("bulk-999999").build()));
    }

    @Test
    void retryingDuplicatesWithTheOverrideRegistersThemAndRetryingNothingIsAFailedPrecondition() {
        var first = create(workshopFor("dup", 3));
        client.awaitStatus(first.getId(), JobStatus.JOB_STATUS_COMPLETED);
        var again = create(workshopFor("dup", 3));
        var failed = client.awaitStatus(again.getId(), JobStatus.JOB_STATUS_COMPLETED);
        assertEquals(3, failed.getFailureCount());

        var retried = client.blocking().retryFailed(RetryFailedRequest.newBuilder().setId(again.getId())
                .setOverrideDuplicates(true).build());
        assertEquals(JobStatus.JOB_STATUS_PROCESSING, retried.getStatus());
        assertEquals(1, retried.getRetryCount());
        var done = client.awaitStatus(again.getId(), JobStatus.JOB_STATUS_COMPLETED);
        assertEquals(3, done.getSuccessCount());
        assertEquals(0, done.getFailureCount());

        var e = refused(Status.Code.FAILED_PRECONDITION, () -> client.blocking().retryFailed(
                RetryFailedRequest.newBuilder().setId(first.getId()).build()));
        assertEquals("Bulk registration job " + first.getId() + " has no failed registrations to retry",
                e.getStatus().getDescription());
        assertEquals("CONFLICT", errorInfo(e).getReason());
    }

    @Test
    void aProcessingJobIsCancelledOnceAndDeletedOnlyAfterwards() {
        var job = create(workshopFor("cancel", 10_000));
        var id = CancelBulkRegistrationRequest.newBuilder().setId(job.getId()).build();
        var delete = DeleteBulkRegistrationRequest.newBuilder().setId(job.getId()).build();
        var processing = refused(Status.Code.FAILED_PRECONDITION, () -> client.blocking().deleteBulkRegistration(delete));
        assertEquals("Bulk registration job " + job.getId() + " is still processing; cancel it first",
                processing.getStatus().getDescription());

        var cancelled = client.blocking().cancelBulkRegistration(id);
        assertEquals(JobStatus.JOB_STATUS_CANCELLED, cancelled.getStatus());
        assertTrue(cancelled.getProcessedCount() < 10_000);
        refused(Status.Code.FAILED_PRECONDITION, () -> client.blocking().cancelBulkRegistration(id));

        client.blocking().deleteBulkRegistration(delete);
        refused(Status.Code.NOT_FOUND, () -> client.blocking().getBulkRegistration(get(job.getId())));
    }
}
