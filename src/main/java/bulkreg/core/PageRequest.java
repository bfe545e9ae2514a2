package bulkreg.core;

import java.util.ArrayList;

/** A page of a listing, numbered from 1. Construct through {@link #of} so the bounds are checked once. */
public record PageRequest(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (page < 1 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page " + page + " / limit " + limit + " out of range");
        }
    }

    /** Checks the bounds with the messages every front reports. */
    public static PageRequest of(int page, int limit) {
        var errors = new ArrayList<FieldError>();
        if (page < 1) {
            errors.add(new FieldError("page", FieldError.OUT_OF_RANGE, "must be at least 1"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", FieldError.OUT_OF_RANGE, "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new PageRequest(page, limit);
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
