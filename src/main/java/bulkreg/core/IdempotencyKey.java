package bulkreg.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's key for one create request (REST {@code Idempotency-Key}, GraphQL {@code idempotencyKey}, gRPC
 * {@code request_id}: one namespace), with the fingerprint of the request it was first used for.
 */
public record IdempotencyKey(String key, String fingerprint) {

    public static final int MAX_LENGTH = 255;
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

    /** The key for this registration, or empty without one; a malformed key is the client's mistake. */
    public static Optional<IdempotencyKey> of(Optional<String> key, Registration registration) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        if (!VISIBLE_ASCII.matcher(key.get()).matches()) {
            throw InvalidInputException.of("idempotency_key", FieldError.INVALID_FORMAT,
                    "must be 1-" + MAX_LENGTH + " visible ASCII characters (a UUID is a good choice)");
        }
        return Optional.of(new IdempotencyKey(key.get(), fingerprint(registration)));
    }

    /** SHA-256 over every field of the validated request: equal requests, equal fingerprints. */
    static String fingerprint(Registration r) {
        var canonical = String.join("\u0000", r.coordinatorId(), String.join("\u0001", r.mentorIds()),
                r.activityType(), r.activityDate().toString(), String.valueOf(r.durationMinutes()),
                r.notes().map(n -> "+" + n).orElse("-"), String.valueOf(r.overrideDuplicates()));
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
