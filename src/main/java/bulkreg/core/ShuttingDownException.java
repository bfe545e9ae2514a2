package bulkreg.core;

/** This instance is stopping; the client should reconnect (to another instance) and resume. */
public final class ShuttingDownException extends RuntimeException {

    public ShuttingDownException() {
        super("The service is shutting down; reconnect to continue", null, false, false);
    }
}
