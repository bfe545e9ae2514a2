package bulkreg.graphql;

import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque Relay cursors: a job listing's cursor names the last job seen, a results cursor the last position.
 * Clients must not build them; a cursor that is not one of ours is invalid input for {@code after}.
 */
final class Cursors {

    private static final String JOB = "job:";
    private static final String POSITION = "position:";

    private Cursors() {
    }

    static String job(String jobId) {
        return encode(JOB + jobId);
    }

    static String position(int position) {
        return encode(POSITION + position);
    }

    /** The job id an {@code after} cursor names. */
    static Optional<String> afterJob(String cursor) {
        return Optional.ofNullable(cursor).map(c -> decode(c, JOB));
    }

    /** The position an {@code after} cursor names; -1 (before the first) when absent. */
    static int afterPosition(String cursor) {
        if (cursor == null) {
            return -1;
        }
        try {
            int position = Integer.parseInt(decode(cursor, POSITION));
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid();
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor, String prefix) {
        try {
            var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(prefix)) {
                return text.substring(prefix.length());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw invalid();
    }

    private static InvalidInputException invalid() {
        return InvalidInputException.of("after", FieldError.INVALID_FORMAT,
                "is not a cursor of this listing; pass an endCursor that it returned");
    }
}
