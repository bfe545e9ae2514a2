package bulkreg.core;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one set of input rules and messages, shared by every front. Stateless and thread-safe.
 * Reports every broken rule at once (up to {@link #MAX_REPORTED}, so a 10,000-mentor mistake stays readable).
 */
public final class RegistrationValidator {

    static final int MAX_REPORTED = InvalidInputException.MAX_REPORTED;
    static final int MAX_NOTES = 2000;
    static final int MAX_DURATION = 1440;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ACTIVITY_TYPE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String ID_RULE = "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'";

    private final Limits limits;

    public RegistrationValidator(Limits limits) {
        this.limits = limits;
    }

    public Registration validate(RegistrationRequest r) {
        var errors = new ArrayList<FieldError>();
        checkId(errors, "coordinator_id", r.coordinatorId());
        checkMentors(errors, r.mentorIds());
        if (required(errors, "activity_type", r.activityType())) {
            checkActivityType(errors, r.activityType());
        }
        var date = required(errors, "activity_date", r.activityDate()) ? parseDate(errors, r.activityDate()) : null;
        if (required(errors, "duration_minutes", r.durationMinutes())
                && (r.durationMinutes() < 1 || r.durationMinutes() > MAX_DURATION)) {
            errors.add(new FieldError("duration_minutes", FieldError.OUT_OF_RANGE,
                    "must be between 1 and " + MAX_DURATION + " minutes"));
        }
        checkNotes(errors, r.notes());
        errors = withWireErrors(r.wireErrors(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Registration(r.coordinatorId(), r.mentorIds(), r.activityType(), date, r.durationMinutes(),
                Optional.ofNullable(r.notes()), Boolean.TRUE.equals(r.overrideDuplicates()));
    }

    /** The front's own findings first; a field it could not read is not also reported as missing. */
    private static ArrayList<FieldError> withWireErrors(List<FieldError> wireErrors, List<FieldError> ruleErrors) {
        var unreadable = wireErrors.stream().map(FieldError::field).collect(Collectors.toSet());
        var all = new ArrayList<>(wireErrors);
        ruleErrors.stream().filter(e -> !unreadable.contains(e.field())).forEach(all::add);
        return all;
    }

    /** The date rule, also for fronts that take a date alone (filters, scalars). */
    public static LocalDate parseDate(String field, String text) {
        var errors = new ArrayList<FieldError>();
        var date = parseDate(errors, field, text);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return date;
    }

    /**
     * A listing's filter. Its values follow the rules of the fields they match: a value no job can hold is a
     * client's mistake (and text such as a NUL character cannot even be sent to the database).
     */
    public static JobFilter filter(Optional<JobStatus> status, Optional<String> coordinatorId,
                                   Optional<String> activityType) {
        var errors = new ArrayList<FieldError>();
        coordinatorId.ifPresent(id -> checkId(errors, "coordinator_id", id));
        activityType.ifPresent(type -> checkActivityType(errors, type));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new JobFilter(status, coordinatorId, activityType);
    }

    /**
     * The mentor-count limit alone, for fronts that receive the mentor ids in parts: refuses as soon as the
     * ids received so far pass the limit, so a huge upload is stopped early. The full rules still apply to
     * the whole request in {@link #validate}.
     */
    public void checkMentorsSoFar(int received) {
        if (received > limits.maxMentors()) {
            throw new InvalidInputException(List.of(mentorCountError(received)));
        }
    }

    private FieldError mentorCountError(int count) {
        return new FieldError("mentor_ids", count == 0 ? FieldError.OUT_OF_RANGE : FieldError.TOO_MANY,
                "must list between 1 and " + limits.maxMentors() + " mentors (got " + count + ")");
    }

    private static void checkActivityType(List<FieldError> errors, String type) {
        if (!ACTIVITY_TYPE.matcher(type).matches()) {
            errors.add(new FieldError("activity_type", FieldError.INVALID_FORMAT,
                    "must be 1-64 characters of a-z, 0-9 or '_'"));
        }
    }

    private void checkMentors(List<FieldError> errors, List<String> mentorIds) {
        if (!required(errors, "mentor_ids", mentorIds)) {
            return;
        }
        if (mentorIds.isEmpty() || mentorIds.size() > limits.maxMentors()) {
            errors.add(mentorCountError(mentorIds.size()));
            return;
        }
        var firstSeen = new HashMap<String, Integer>();
        for (int i = 0; i < mentorIds.size() && errors.size() < MAX_REPORTED; i++) {
            var field = "mentor_ids[" + i + "]";
            var id = mentorIds.get(i);
            if (!checkId(errors, field, id)) {
                continue;
            }
            var earlier = firstSeen.putIfAbsent(id, i);
            if (earlier != null) {
                errors.add(new FieldError(field, FieldError.DUPLICATE,
                        "repeats mentor_ids[" + earlier + "] (" + id + "); list each mentor once"));
            }
        }
    }

    private static boolean checkId(List<FieldError> errors, String field, String value) {
        if (!required(errors, field, value)) {
            return false;
        }
        if (!ID.matcher(value).matches()) {
            errors.add(new FieldError(field, FieldError.INVALID_FORMAT, ID_RULE));
            return false;
        }
        return true;
    }

    private static void checkNotes(List<FieldError> errors, String notes) {
        if (notes == null) {
            return;
        }
        if (notes.codePointCount(0, notes.length()) > MAX_NOTES) {
            errors.add(new FieldError("notes", FieldError.TOO_LONG, "must be at most " + MAX_NOTES + " characters"));
        } else if (notes.indexOf('\u0000') >= 0) {
            errors.add(new FieldError("notes", FieldError.INVALID_FORMAT, "must not contain the NUL character"));
        } else if (hasLoneSurrogate(notes)) {
            errors.add(new FieldError("notes", FieldError.INVALID_FORMAT, "must be valid Unicode text"));
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        return s.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    private static LocalDate parseDate(List<FieldError> errors, String text) {
        return parseDate(errors, "activity_date", text);
    }

    private static LocalDate parseDate(List<FieldError> errors, String field, String text) {
        try {
            // Years 0001-9999: PostgreSQL has no year 0, and the form has four digits.
            if (text.length() == 10 && !text.startsWith("0000")) {
                return LocalDate.parse(text, DATE);
            }
        } catch (DateTimeParseException e) {
            // reported below with the one message for every kind of bad date
        }
        errors.add(new FieldError(field, FieldError.INVALID_FORMAT,
                "must be a real calendar date in the form YYYY-MM-DD (got '" + abbreviate(text) + "')"));
        return null;
    }

    private static boolean required(List<FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, FieldError.REQUIRED, "is required"));
            return false;
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
