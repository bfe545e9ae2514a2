package bulkreg.app;

import bulkreg.store.HikariConnectionPool;
import bulkreg.store.PgJobEventLog;
import bulkreg.store.PgJobStore;
import bulkreg.store.StatementCounter;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

/**
 * The database side of one instance: two connection pools, so that a burst of requests can never starve the
 * workers (or the other way round). Requests use {@code requests} (its size is the pool-size setting); the
 * workers and the event feed use {@code work}, sized for them: one connection per chunk transaction a worker
 * may have in flight, one for the feed's LISTEN, one for its reads.
 */
final class Persistence implements AutoCloseable {

    final HikariDataSource requestPool;
    final HikariDataSource workPool;
    final StatementCounter statements = new StatementCounter();
    final PgJobStore requests;
    final PgJobStore work;
    final PgJobEventLog requestEvents;
    final PgJobEventLog workEvents;
    private final DbClient requestDb;
    private final DbClient workDb;

    /** @param chunkTransactions the most chunk transactions of all workers in flight at once */
    Persistence(String url, DatabaseSettings database, int chunkTransactions) {
        requestPool = Database.pool("bulkreg-requests", url, database, database.poolSize());
        workPool = Database.pool("bulkreg-work", url, database, chunkTransactions + 2);
        Database.migrate(requestPool);
        requestDb = JdbcClientBuilder.create().connectionPool(new HikariConnectionPool(requestPool))
                .addService(statements).build();
        workDb = JdbcClientBuilder.create().connectionPool(new HikariConnectionPool(workPool)).build();
        requests = new PgJobStore(requestDb, requestPool);
        work = new PgJobStore(workDb, workPool);
        requestEvents = new PgJobEventLog(requestDb);
        workEvents = new PgJobEventLog(workDb);
    }

    /** DB Client on the work pool, for background maintenance. */
    DbClient workDb() {
        return workDb;
    }

    @Override
    public void close() {
        requestDb.close();
        workDb.close();
        requestPool.close();
        workPool.close();
    }
}
