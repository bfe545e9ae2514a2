package bulkreg.core;

/**
 * One rule an input field broke. {@code field} uses the snake_case wire names with indexes
 * ({@code mentor_ids[3]}); {@code code} is stable for programs, {@code message} is for people.
 */
public record FieldError(String field, String code, String message) {

    public static final String REQUIRED = "REQUIRED";
    public static final String INVALID_FORMAT = "INVALID_FORMAT";
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String TOO_LONG = "TOO_LONG";
    public static final String TOO_MANY = "TOO_MANY";
}
