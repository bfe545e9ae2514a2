package bulkreg.grpc;

import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.JobFilter;
import bulkreg.core.JobId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AIP-158 page tokens: opaque to clients, carrying the last job of the page before (the next page starts after
 * it, so jobs created or deleted between calls neither repeat nor skip one) and a fingerprint of the filters
 * they were issued for, so that a token is refused with other filters instead of paging through a different
 * listing. Stateless.
 */
final class PageTokens {

    private static final Pattern TOKEN = Pattern.compile("v2:([a-z0-9-]{1,40}):([0-9a-f]{16})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private PageTokens() {
    }

    /** The token for the page after the job {@code lastId} of the listing with {@code filter}. */
    static String issue(JobFilter filter, String lastId) {
        return ENCODER.encodeToString(("v2:" + lastId + ":" + fingerprint(filter)).getBytes(StandardCharsets.UTF_8));
    }

    /** The job the page a token names starts after; empty for no token (the first page). */
    static Optional<String> after(String token, JobFilter filter) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        var matcher = TOKEN.matcher(decode(token));
        if (!matcher.matches() || JobId.parse(matcher.group(1)).isEmpty()) {
            throw InvalidInputException.of("page_token", FieldError.INVALID_FORMAT, "is not a page token this"
                    + " service issued; pass next_page_token unchanged, or leave page_token empty for the first page");
        }
        if (!matcher.group(2).equals(fingerprint(filter))) {
            throw InvalidInputException.of("page_token", FieldError.INVALID_FORMAT, "was issued for a listing with"
                    + " other filters; keep the filters of the first page, or leave page_token empty to start over");
        }
        return Optional.of(matcher.group(1));
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
