package bulkreg.grpc;

import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.JobFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * AIP-158 page tokens: opaque to clients, carrying where the next page starts and a fingerprint of the
 * filters they were issued for, so that a token is refused with other filters instead of paging through a
 * different listing. Stateless.
 */
final class PageTokens {

    private static final Pattern TOKEN = Pattern.compile("v1:(\\d{1,9}):([0-9a-f]{16})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private PageTokens() {
    }

    /** The token for the page starting at {@code offset} of the listing with {@code filter}. */
    static String issue(JobFilter filter, int offset) {
        return ENCODER.encodeToString(("v1:" + offset + ":" + fingerprint(filter)).getBytes(StandardCharsets.UTF_8));
    }

    /** Where the page a token names starts: 0 for no token. */
    static int offset(String token, JobFilter filter) {
        if (token.isEmpty()) {
            return 0;
        }
        var matcher = TOKEN.matcher(decode(token));
        if (!matcher.matches()) {
            throw InvalidInputException.of("page_token", FieldError.INVALID_FORMAT, "is not a page token this"
                    + " service issued; pass next_page_token unchanged, or leave page_token empty for the first page");
        }
        if (!matcher.group(2).equals(fingerprint(filter))) {
            throw InvalidInputException.of("page_token", FieldError.INVALID_FORMAT, "was issued for a listing with"
                    + " other filters; keep the filters of the first page, or leave page_token empty to start over");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String fingerprint(JobFilter filter) {
        var text = filter.status().map(Enum::name).orElse("") + "\u0000" + filter.coordinatorId().orElse("")
                + "\u0000" + filter.activityType().orElse("");
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
