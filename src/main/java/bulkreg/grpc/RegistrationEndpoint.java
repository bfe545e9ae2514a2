package bulkreg.grpc;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.grpc.v1.BulkRegistration;
import bulkreg.grpc.v1.BulkRegistrationServiceGrpc;
import bulkreg.grpc.v1.CancelBulkRegistrationRequest;
import bulkreg.grpc.v1.CreateBulkRegistrationRequest;
import bulkreg.grpc.v1.DeleteBulkRegistrationRequest;
import bulkreg.grpc.v1.GetBulkRegistrationRequest;
import bulkreg.grpc.v1.JobEvent;
import bulkreg.grpc.v1.ListBulkRegistrationsRequest;
import bulkreg.grpc.v1.ListBulkRegistrationsResponse;
import bulkreg.grpc.v1.ListResultsRequest;
import bulkreg.grpc.v1.MentorResult;
import bulkreg.grpc.v1.RetryFailedRequest;
import bulkreg.grpc.v1.UploadBulkRegistrationRequest;
import bulkreg.grpc.v1.WatchBulkRegistrationRequest;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;
import bulkreg.grpc.v1.WatchJobEventsRequest;
import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;

/**
 * The contract's service: parse, call the core, map. Handlers describe the happy path; failures, thrown or
 * signalled by a stream, become statuses in {@link GrpcErrors}.
 */
final class RegistrationEndpoint extends BulkRegistrationServiceGrpc.BulkRegistrationServiceImplBase {

    private final BulkRegistrationService service;
    private final Listing listing;
    private final StreamGauge gauge;
    private final WatchResponses watchResponses;

    RegistrationEndpoint(BulkRegistrationService service, StreamGauge gauge, WatchResponses watchResponses) {
        this.service = service;
        this.listing = new Listing(service);
        this.gauge = gauge;
        this.watchResponses = watchResponses;
    }

    @Override
    public void createBulkRegistration(CreateBulkRegistrationRequest request,
                                       StreamObserver<BulkRegistration> response) {
        answer(response, Messages.job(service.submit(Requests.create(request),
                Requests.requestId(request.getRequestId())).job()));
    }

    @Override
    public StreamObserver<UploadBulkRegistrationRequest> uploadBulkRegistration(
            StreamObserver<BulkRegistration> response) {
        return new UploadCall(service, response);
    }

    @Override
    public void getBulkRegistration(GetBulkRegistrationRequest request, StreamObserver<BulkRegistration> response) {
        answer(response, Messages.job(service.job(request.getId())));
    }

    @Override
    public void listBulkRegistrations(ListBulkRegistrationsRequest request,
                                      StreamObserver<ListBulkRegistrationsResponse> response) {
        answer(response, listing.list(request));
    }

    @Override
    public void retryFailed(RetryFailedRequest request, StreamObserver<BulkRegistration> response) {
        answer(response, Messages.job(service.retryFailed(request.getId(), request.getOverrideDuplicates())));
    }

    @Override
    public void cancelBulkRegistration(CancelBulkRegistrationRequest request,
                                       StreamObserver<BulkRegistration> response) {
        answer(response, Messages.job(service.cancel(request.getId())));
    }

    @Override
    public void deleteBulkRegistration(DeleteBulkRegistrationRequest request, StreamObserver<Empty> response) {
        service.delete(request.getId());
        answer(response, Empty.getDefaultInstance());
    }

    @Override
    public void watchBulkRegistration(WatchBulkRegistrationRequest request,
                                      StreamObserver<WatchBulkRegistrationResponse> response) {
        var progressOnly = request.getOmitChangedResults();
        EventStream.start(service.watch(request.getId(), progressOnly), response,
                progressOnly ? watchResponses::progress : watchResponses::full, gauge);
    }

    @Override
    public void listResults(ListResultsRequest request, StreamObserver<MentorResult> response) {
        ResultStream.start(service, request.getId(), Requests.itemStatus(request.getStatus()), response);
    }

    @Override
    public void watchJobEvents(WatchJobEventsRequest request, StreamObserver<JobEvent> response) {
        long after = request.hasAfterSequence() ? request.getAfterSequence() : service.latestEventSequence();
        if (after < 0) {
            throw InvalidInputException.of("after_sequence", FieldError.OUT_OF_RANGE,
                    "must not be negative (0 resumes from the first event)");
        }
        EventStream.start(service.events(after, event -> true), response, Messages::event, gauge);
    }

    private static <T> void answer(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
