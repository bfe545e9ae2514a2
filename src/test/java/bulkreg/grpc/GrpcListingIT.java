package bulkreg.grpc;

import bulkreg.grpc.v1.BulkRegistrationSummary;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.ListBulkRegistrationsRequest;
import bulkreg.support.GrpcClient;
import bulkreg.support.TestApp;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static bulkreg.support.GrpcClient.refused;
import static bulkreg.support.GrpcClient.violations;
import static bulkreg.support.GrpcClient.workshopFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** ListBulkRegistrations: AIP-158 pages and tokens, with the REST filters. */
class GrpcListingIT {

    private static TestApp app;
    private static GrpcClient client;
    /** The ids of five jobs of coordinator "lister", newest first. */
    private static final List<String> listed = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.start();
        client = GrpcClient.to(app);
        for (int i = 0; i < 5; i++) {
            listed.addFirst(client.blocking().createBulkRegistration(workshopFor("list" + i, 2)
                    .setCoordinatorId("lister").build()).getId());
        }
        client.blocking().createBulkRegistration(workshopFor("other", 2).setActivityType("mentoring").build());
        listed.forEach(id -> client.awaitStatus(id, JobStatus.JOB_STATUS_COMPLETED));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        client.close();
        app.close();
    }

    private static ListBulkRegistrationsRequest.Builder lister() {
        return ListBulkRegistrationsRequest.newBuilder().setCoordinatorId("lister");
    }

    @Test
    void tokensWalkEveryPageNewestFirstEvenWhenThePageSizeChanges() {
        var ids = new ArrayList<String>();
        var page = client.blocking().listBulkRegistrations(lister().setPageSize(2).build());
        assertEquals(5, page.getTotalSize());
        page.getBulkRegistrationsList().forEach(j -> ids.add(j.getId()));
        int[] sizes = {3, 2};
        for (int size : sizes) {
            page = client.blocking().listBulkRegistrations(lister().setPageSize(size)
                    .setPageToken(page.getNextPageToken()).build());
            page.getBulkRegistrationsList().forEach(j -> ids.add(j.getId()));
            if (page.getNextPageToken().isEmpty()) {
                break;
            }
        }
        assertEquals(listed, ids);
        assertEquals("", page.getNextPageToken());
    }

    @Test
    void jobsCreatedBetweenPagesNeitherRepeatNorHideAnyOnTheNextPage() {
        var walker = "walker-" + System.nanoTime();
        var older = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            older.addFirst(client.blocking().createBulkRegistration(workshopFor(walker + i, 1)
                    .setCoordinatorId(walker).build()).getId());
        }
        var request = ListBulkRegistrationsRequest.newBuilder().setCoordinatorId(walker).setPageSize(2);
        var first = client.blocking().listBulkRegistrations(request.build());

        client.blocking().createBulkRegistration(workshopFor(walker + "new", 1).setCoordinatorId(walker).build());
        var second = client.blocking().listBulkRegistrations(request.setPageToken(first.getNextPageToken()).build());

        var ids = new ArrayList<String>();
        first.getBulkRegistrationsList().forEach(j -> ids.add(j.getId()));
        second.getBulkRegistrationsList().forEach(j -> ids.add(j.getId()));
        assertEquals(older, ids, "the newer job belongs before the first page, not inside the second");
        assertEquals(5, second.getTotalSize());
        assertEquals("", second.getNextPageToken());
    }

    @Test
    void filtersMatchTheRestFiltersAndAZeroPageSizeMeansTwenty() {
        var completed = client.blocking().listBulkRegistrations(ListBulkRegistrationsRequest.newBuilder()
                .setStatus(JobStatus.JOB_STATUS_COMPLETED).setActivityType("group_workshop").build());
        assertEquals(listed, completed.getBulkRegistrationsList().stream().map(BulkRegistrationSummary::getId).toList());
        var mentoring = client.blocking().listBulkRegistrations(ListBulkRegistrationsRequest.newBuilder()
                .setActivityType("mentoring").setPageSize(1000).build());
        assertEquals(1, mentoring.getBulkRegistrationsCount());
        assertEquals(2, mentoring.getBulkRegistrations(0).getMentorCount());
    }

    @Test
    void aTokenIsRefusedWithOtherFiltersOrWhenNotIssuedHere() {
        var token = client.blocking().listBulkRegistrations(lister().setPageSize(2).build()).getNextPageToken();
        var other = refused(Status.Code.INVALID_ARGUMENT, () -> client.blocking().listBulkRegistrations(
                lister().setStatus(JobStatus.JOB_STATUS_PROCESSING).setPageToken(token).build()));
        assertEquals(List.of("page_token INVALID_FORMAT was issued for a listing with other filters; keep the"
                + " filters of the first page, or leave page_token empty to start over"), violations(other));
        for (var forged : List.of("not-a-token", "djE6MTA6eHg")) {
            var e = refused(Status.Code.INVALID_ARGUMENT, () -> client.blocking().listBulkRegistrations(
                    lister().setPageToken(forged).build()));
            assertEquals("page_token", violations(e).getFirst().split(" ")[0]);
        }
    }

    @Test
    void invalidPageSizesAndFiltersAreInvalidArgumentsInTheRestWords() {
        var negative = refused(Status.Code.INVALID_ARGUMENT, () -> client.blocking().listBulkRegistrations(
                lister().setPageSize(-1).build()));
        assertEquals(List.of("page_size OUT_OF_RANGE must not be negative (0 means the default, 20)"),
                violations(negative));
        var badFilter = refused(Status.Code.INVALID_ARGUMENT, () -> client.blocking().listBulkRegistrations(
                ListBulkRegistrationsRequest.newBuilder().setActivityType("Group Workshop").build()));
        assertEquals(List.of("activity_type INVALID_FORMAT must be 1-64 characters of a-z, 0-9 or '_'"),
                violations(badFilter));
        var unknownStatus = refused(Status.Code.INVALID_ARGUMENT, () -> client.blocking().listBulkRegistrations(
                ListBulkRegistrationsRequest.newBuilder().setStatusValue(42).build()));
        assertEquals("status", violations(unknownStatus).getFirst().split(" ")[0]);
    }
}
