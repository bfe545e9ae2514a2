package bulkreg.core;

import java.util.Optional;

/** A job's id: {@code bulk-NNN}, a database sequence number zero-padded to at least three digits. */
public record JobId(long value) {

    private static final String PREFIX = "bulk-";

    public JobId {
        if (value < 1) {
            throw new IllegalArgumentException("job ids start at 1");
        }
    }

    public static Optional<JobId> parse(String text) {
        var value = PrefixedIds.parse(PREFIX, text);
        return value.isPresent() ? Optional.of(new JobId(value.getAsLong())) : Optional.empty();
    }

    @Override
    public String toString() {
        return PrefixedIds.format(PREFIX, value);
    }
}
