package bulkreg.core;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** The shared form of the service's ids: a prefix and a sequence number zero-padded to at least 3 digits. */
final class PrefixedIds {

    private static final Pattern NUMBER = Pattern.compile("\\d{3,18}");

    private PrefixedIds() {
    }

    static String format(String prefix, long value) {
        return prefix + "%03d".formatted(value);
    }

    /** Accepts the canonical form only ({@code bulk-007}, not {@code bulk-7}), so each id has one spelling. */
    static OptionalLong parse(String prefix, String text) {
        if (text == null || !text.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        var digits = text.substring(prefix.length());
        if (!NUMBER.matcher(digits).matches()) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(digits);
        return value > 0 && format(prefix, value).equals(text) ? OptionalLong.of(value) : OptionalLong.empty();
    }
}
