package bulkreg.grpc;

import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.RegistrationRequest;
import bulkreg.grpc.v1.CreateBulkRegistrationRequest;
import bulkreg.grpc.v1.ItemStatus;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.UploadHeader;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Requests of the contract as the core's inputs. Proto3 cannot tell an empty string from an absent one, so
 * an empty required field reaches the core as absent and is reported as required; what the values must
 * satisfy is the core's business ({@code RegistrationValidator}).
 */
final class Requests {

    private Requests() {
    }

    static RegistrationRequest create(CreateBulkRegistrationRequest r) {
        return new RegistrationRequest(absentIfEmpty(r.getCoordinatorId()), r.getMentorIdsList(),
                absentIfEmpty(r.getActivityType()), absentIfEmpty(r.getActivityDate()),
                r.hasDurationMinutes() ? r.getDurationMinutes() : null, r.hasNotes() ? r.getNotes() : null,
                r.getOverrideDuplicates());
    }

    static RegistrationRequest upload(UploadHeader h, List<String> mentorIds) {
        return new RegistrationRequest(absentIfEmpty(h.getCoordinatorId()), mentorIds,
                absentIfEmpty(h.getActivityType()), absentIfEmpty(h.getActivityDate()),
                h.hasDurationMinutes() ? h.getDurationMinutes() : null, h.hasNotes() ? h.getNotes() : null,
                h.getOverrideDuplicates());
    }

    /** A status filter: UNSPECIFIED for any. */
    static Optional<bulkreg.core.JobStatus> status(JobStatus status) {
        return switch (status) {
            case JOB_STATUS_UNSPECIFIED -> Optional.empty();
            case JOB_STATUS_PROCESSING -> Optional.of(bulkreg.core.JobStatus.PROCESSING);
            case JOB_STATUS_COMPLETED -> Optional.of(bulkreg.core.JobStatus.COMPLETED);
            case JOB_STATUS_CANCELLED -> Optional.of(bulkreg.core.JobStatus.CANCELLED);
            case JOB_STATUS_FAILED -> Optional.of(bulkreg.core.JobStatus.FAILED);
            case UNRECOGNIZED -> throw unknown("status", JobStatus.values());
        };
    }

    /** A result status filter: UNSPECIFIED for all. */
    static Optional<bulkreg.core.ItemStatus> itemStatus(ItemStatus status) {
        return switch (status) {
            case ITEM_STATUS_UNSPECIFIED -> Optional.empty();
            case ITEM_STATUS_PENDING -> Optional.of(bulkreg.core.ItemStatus.PENDING);
            case ITEM_STATUS_SUCCESS -> Optional.of(bulkreg.core.ItemStatus.SUCCESS);
            case ITEM_STATUS_FAILED -> Optional.of(bulkreg.core.ItemStatus.FAILED);
            case ITEM_STATUS_CANCELLED -> Optional.of(bulkreg.core.ItemStatus.CANCELLED);
            case UNRECOGNIZED -> throw unknown("status", ItemStatus.values());
        };
    }

    static Optional<String> optional(String value) {
        return Optional.ofNullable(absentIfEmpty(value));
    }

    private static String absentIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }

    private static InvalidInputException unknown(String field, Enum<?>[] values) {
        return InvalidInputException.of(field, FieldError.INVALID_FORMAT, "must be one of " + Arrays.stream(values)
                .filter(v -> !v.name().equals("UNRECOGNIZED"))
                .map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** Proto3 has no absent string: an empty request_id means none. */
    static Optional<String> requestId(String requestId) {
        return requestId.isEmpty() ? Optional.empty() : Optional.of(requestId);
    }
}
