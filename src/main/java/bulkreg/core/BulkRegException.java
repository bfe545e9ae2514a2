package bulkreg.core;

/**
 * The core's one error model. Each front maps these cases, exhaustively, in exactly one class; anything
 * else leaving the core is an internal error.
 */
public sealed abstract class BulkRegException extends RuntimeException
        permits InvalidInputException, NotFoundException, ConflictException, UnavailableException,
        IdempotencyKeyReusedException {

    protected BulkRegException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** A stable, upper-case code for programs. */
    public abstract String code();
}
