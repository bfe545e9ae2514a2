package bulkreg.store;

import io.helidon.dbclient.DbClientService;
import io.helidon.dbclient.DbClientServiceContext;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the SQL statements sent through Helidon DB Client (every read and simple write of the store; the
 * chunk writer's batches go through JDBC directly and are not counted). A cheap, always-on figure that shows
 * whether a request costs a fixed number of statements or one per item. Thread-safe.
 */
public final class StatementCounter implements DbClientService {

    private final LongAdder statements = new LongAdder();

    @Override
    public DbClientServiceContext statement(DbClientServiceContext context) {
        statements.increment();
        return context;
    }

    /** Statements sent since start-up. */
    public long count() {
        return statements.sum();
    }
}
