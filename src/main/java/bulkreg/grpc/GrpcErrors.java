package bulkreg.grpc;

import bulkreg.core.BulkRegException;
import bulkreg.core.ConflictException;
import bulkreg.core.IdempotencyKeyReusedException;
import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.NotFoundException;
import bulkreg.core.ShuttingDownException;
import bulkreg.core.UnavailableException;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The one place that turns errors into gRPC statuses, following Google's error model (AIP-193): a code, a
 * message for people, and typed details ({@code google.rpc.ErrorInfo} with the core's stable code, a
 * {@code BadRequest} naming each broken field rule, a {@code RetryInfo} when waiting helps). Anything that is
 * not the core's error model is logged here, once, and leaves as INTERNAL without details.
 */
final class GrpcErrors {

    static final String DOMAIN = "bulkreg";
    private static final System.Logger LOG = System.getLogger(GrpcErrors.class.getName());
    private static final Duration RETRY_DELAY = Duration.newBuilder().setSeconds(5).build();

    private GrpcErrors() {
    }

    /** The status to close a call with, for any failure of the call's work. */
    static StatusRuntimeException toStatus(Throwable failure) {
        return switch (failure) {
            case BulkRegException e -> core(e);
            case ShuttingDownException e -> status(Code.UNAVAILABLE, e.getMessage(), "SHUTTING_DOWN",
                    List.of(Any.pack(RetryInfo.newBuilder().setRetryDelay(RETRY_DELAY).build())));
            case StatusRuntimeException e -> e;
            case StatusException e -> new StatusRuntimeException(e.getStatus(), e.getTrailers());
            default -> unexpected(failure);
        };
    }

    private static StatusRuntimeException core(BulkRegException failure) {
        return switch (failure) {
            case InvalidInputException e -> status(isLimit(e) ? Code.RESOURCE_EXHAUSTED : Code.INVALID_ARGUMENT,
                    e.getMessage(), e.code(), List.of(Any.pack(badRequest(e.errors()))));
            case NotFoundException e -> status(Code.NOT_FOUND, e.getMessage(), e.code(), List.of());
            case ConflictException e -> status(Code.FAILED_PRECONDITION, e.getMessage(), e.code(), List.of());
            case IdempotencyKeyReusedException e -> status(Code.INVALID_ARGUMENT, e.getMessage(), e.code(),
                    List.of(Any.pack(BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation
                            .newBuilder().setField("request_id").setReason(e.code())
                            .setDescription(e.getMessage())).build())));
            case UnavailableException e -> status(Code.UNAVAILABLE, e.getMessage(), e.code(),
                    List.of(Any.pack(RetryInfo.newBuilder().setRetryDelay(RETRY_DELAY).build())));
        };
    }

    /** A limit, not a malformed value: the request is well-formed but asks for more than the service allows. */
    private static boolean isLimit(InvalidInputException e) {
        return e.errors().stream().anyMatch(f -> f.code().equals(FieldError.TOO_MANY));
    }

    private static BadRequest badRequest(List<FieldError> errors) {
        var details = BadRequest.newBuilder();
        for (var error : errors) {
            details.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                    .setField(error.field().equals("idempotency_key") ? "request_id" : error.field())
                    .setReason(error.code())
                    .setDescription(error.message()));
        }
        return details.build();
    }

    private static StatusRuntimeException status(Code code, String message, String reason, List<Any> details) {
        var status = com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()))
                .addAllDetails(details)
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    private static StatusRuntimeException unexpected(Throwable failure) {
        LOG.log(Level.ERROR, "Unexpected failure of a gRPC call", failure);
        return Status.INTERNAL.withDescription("The service failed unexpectedly; the failure is logged")
                .asRuntimeException();
    }
}
