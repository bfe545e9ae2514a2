package bulkreg.grpc;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.grpc.v1.BulkRegistration;
import bulkreg.grpc.v1.UploadBulkRegistrationRequest;
import bulkreg.grpc.v1.UploadHeader;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;

/**
 * UploadBulkRegistration: a header, then chunks of mentor ids, then the job is submitted with the same
 * validation as every other front. The mentor-count limit is checked as each chunk arrives, so an upload
 * past it is refused (RESOURCE_EXHAUSTED) before the rest is sent. gRPC delivers the messages one at a time,
 * each only after the previous one was handled, so memory holds at most the allowed mentor ids.
 */
final class UploadCall implements StreamObserver<UploadBulkRegistrationRequest> {

    private final BulkRegistrationService service;
    private final StreamObserver<BulkRegistration> response;
    private final List<String> mentorIds = new ArrayList<>();
    private UploadHeader header;
    /** Set once the call has failed or answered: messages still in flight are ignored. */
    private boolean finished;

    UploadCall(BulkRegistrationService service, StreamObserver<BulkRegistration> response) {
        this.service = service;
        this.response = response;
    }

    @Override
    public void onNext(UploadBulkRegistrationRequest message) {
        if (finished) {
            return;
        }
        finished = true; // until this message is accepted: a failure below ends the call (see ErrorMapping)
        switch (message.getPartCase()) {
            case HEADER -> acceptHeader(message.getHeader());
            case MENTOR_IDS -> acceptMentorIds(message.getMentorIds().getMentorIdsList());
            case PART_NOT_SET -> throw InvalidInputException.of("part", FieldError.REQUIRED,
                    "is required: each message carries the header or a chunk of mentor_ids");
        }
        finished = false;
    }

    @Override
    public void onError(Throwable clientFailure) {
        finished = true; // the client cancelled or failed: nothing to answer
    }

    @Override
    public void onCompleted() {
        if (finished) {
            return;
        }
        finished = true;
        if (header == null) {
            throw missingHeader();
        }
        response.onNext(Messages.job(service.submit(Requests.upload(header, mentorIds),
                Requests.requestId(header.getRequestId())).job()));
        response.onCompleted();
    }

    private void acceptHeader(UploadHeader received) {
        if (header != null) {
            throw InvalidInputException.of("header", FieldError.DUPLICATE, "is sent once, as the first message");
        }
        header = received;
    }

    private void acceptMentorIds(List<String> chunk) {
        if (header == null) {
            throw missingHeader();
        }
        service.checkMentorsSoFar(mentorIds.size() + chunk.size());
        mentorIds.addAll(chunk);
    }

    private static InvalidInputException missingHeader() {
        return InvalidInputException.of("header", FieldError.REQUIRED,
                "is required as the first message, before any mentor_ids");
    }
}
