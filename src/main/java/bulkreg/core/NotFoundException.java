package bulkreg.core;

/** No such job or activity (never created, or deleted). */
public final class NotFoundException extends BulkRegException {

    public NotFoundException(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }
}
