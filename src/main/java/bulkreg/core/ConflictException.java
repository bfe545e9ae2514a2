package bulkreg.core;

/** The request is valid but the job's current state does not allow it (retry with nothing failed, say). */
public final class ConflictException extends BulkRegException {

    public ConflictException(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "CONFLICT";
    }
}
