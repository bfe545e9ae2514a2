package bulkreg.core;

import java.util.Optional;

/** A activity's id: {@code pa-NNN}, a database sequence number zero-padded to at least three digits. */
public record ActivityId(long value) {

    private static final String PREFIX = "pa-";

    public ActivityId {
        if (value < 1) {
            throw new IllegalArgumentException("activity ids start at 1");
        }
    }

    public static Optional<ActivityId> parse(String text) {
        var value = PrefixedIds.parse(PREFIX, text);
        return value.isPresent() ? Optional.of(new ActivityId(value.getAsLong())) : Optional.empty();
    }

    @Override
    public String toString() {
        return PrefixedIds.format(PREFIX, value);
    }
}
