package bulkreg.rest;

import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.JobFilter;
import bulkreg.core.JobStatus;
import bulkreg.core.PageRequest;
import bulkreg.core.RegistrationValidator;
import io.helidon.common.uri.UriQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The listing's query parameters, read strictly: every mistake in them is reported at once, and a parameter
 * the listing does not know (a typo such as {@code coordinator=}) is refused rather than silently ignored.
 */
final class ListQuery {

    private static final List<String> PARAMETERS = List.of("page", "limit", "status", "coordinator_id",
            "activity_type");

    record Parsed(PageRequest page, JobFilter filter) {
    }

    private ListQuery() {
    }

    static Parsed parse(UriQuery query) {
        var errors = new ArrayList<FieldError>();
        for (var name : query.names()) {
            if (!PARAMETERS.contains(name)) {
                errors.add(new FieldError(name, "UNKNOWN_FIELD", "is not a parameter of this listing; known: "
                        + String.join(", ", PARAMETERS)));
            } else if (query.all(name).size() > 1) {
                errors.add(new FieldError(name, "REPEATED", "is given more than once; give it once"));
            }
        }
        var pageNumber = collect(errors, () -> number(query, "page", 1));
        var limit = collect(errors, () -> number(query, "limit", PageRequest.DEFAULT_LIMIT));
        var page = pageNumber == null || limit == null ? null : collect(errors, () -> PageRequest.of(pageNumber, limit));
        var status = collect(errors, () -> text(query, "status").map(ListQuery::status));
        var filter = collect(errors, () -> RegistrationValidator.filter(status == null ? Optional.empty() : status,
                text(query, "coordinator_id"), text(query, "activity_type")));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Parsed(page, filter);
    }

    private static Optional<String> text(UriQuery query, String name) {
        return query.contains(name) ? Optional.of(query.all(name).getFirst()) : Optional.empty();
    }

    private static int number(UriQuery query, String name, int fallback) {
        var value = text(query, name);
        if (value.isEmpty()) {
            return fallback;
        }
        // ASCII digits only: Integer.parseInt would also take other scripts' digits.
        if (!value.get().matches("-?[0-9]+")) {
            throw InvalidInputException.of(name, "INVALID_TYPE", "must be a whole number, not '" + value.get() + "'");
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(name, FieldError.OUT_OF_RANGE, "is far too large");
        }
    }

    private static JobStatus status(String value) {
        return JobStatus.fromWire(value).orElseThrow(() -> InvalidInputException.of("status",
                FieldError.INVALID_FORMAT, "must be one of " + Arrays.stream(JobStatus.values())
                        .map(JobStatus::wireName).collect(Collectors.joining(", ")) + ", not '" + value + "'"));
    }

    /** Runs one step, keeping its input errors so that every step is checked. */
    private static <T> T collect(List<FieldError> errors, Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return null;
        }
    }
}
