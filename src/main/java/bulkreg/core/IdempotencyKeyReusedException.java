package bulkreg.core;

/** An idempotency key already used for a different request; nothing was created. */
public final class IdempotencyKeyReusedException extends BulkRegException {

    public IdempotencyKeyReusedException() {
        super("This idempotency key was already used for a different request; use a new key for a new request",
                null);
    }

    @Override
    public String code() {
        return "IDEMPOTENCY_KEY_REUSED";
    }
}
