package bulkreg.core;

import java.util.List;

/** The request broke one or more input rules; nothing was changed. */
public final class InvalidInputException extends BulkRegException {

    /** At most this many errors are kept and reported, so a huge bad request gets a small answer. */
    public static final int MAX_REPORTED = 100;

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(summary(errors), null);
        this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_REPORTED)));
    }

    public static InvalidInputException of(String field, String code, String message) {
        return new InvalidInputException(List.of(new FieldError(field, code, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String code() {
        return "INVALID_INPUT";
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            var e = errors.getFirst();
            return e.field() + " " + e.message();
        }
        var count = errors.size() > MAX_REPORTED ? "More than " + MAX_REPORTED : String.valueOf(errors.size());
        return count + " fields are invalid; the first: " + errors.getFirst().field() + " "
                + errors.getFirst().message();
    }
}
