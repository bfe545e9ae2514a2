package bulkreg.core;

/** The database could not be reached in time; the request changed nothing and may be repeated. */
public final class UnavailableException extends BulkRegException {

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "UNAVAILABLE";
    }
}
