package bulkreg.store;

import bulkreg.core.UnavailableException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

/** Tells a database that is out of reach (a retryable condition) from a failure of the statement itself. */
final class PgErrors {

    private PgErrors() {
    }

    /** Runs a database call, turning "cannot reach the database" into the core's {@link UnavailableException}. */
    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(Exception e) {
        if (isPoolExhausted(e)) {
            return new UnavailableException("The service is busy; try again shortly", e);
        }
        if (isUnreachable(e)) {
            return new UnavailableException("The database is unavailable; try again shortly", e);
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
    }

    /** True when PostgreSQL aborted the transaction to resolve a conflict (class 40): repeating it is safe. */
    static boolean isConflict(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /** True when a statement broke a unique index (a row another transaction committed meanwhile). */
    static boolean isUniqueViolation(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The pool timed out waiting for a free connection while the database itself was fine. */
    private static boolean isPoolExhausted(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return t.getCause() == null;
            }
        }
        return false;
    }

    private static boolean isUnreachable(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
