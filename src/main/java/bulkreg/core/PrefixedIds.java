package bulkreg.core;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** The shared form of the service's ids: a prefix and a sequence number zero-padded to at least 3 digits. */
final class PrefixedIds {

    private static final Pattern NUMBER = Pattern.compile("\\d{3,18}");

    private PrefixedIds() {
    }

    /** By hand rather than through a Formatter: every result of every read formats its activity id. */
    static String format(String prefix, long value) {
        var digits = Long.toString(value);
        return digits.length() >= 3 || value < 0 ? prefix + digits
                : prefix + "00".substring(digits.length() - 1) + digits;
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
