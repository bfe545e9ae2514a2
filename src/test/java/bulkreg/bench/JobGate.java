package bulkreg.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Holds a new job at its first chunk while the fan-out's subscribers connect, so that every one of them
 * sees every chunk: a transaction of the bench's own takes {@code participation_activity} in SHARE mode,
 * which lets jobs be submitted and read but makes the worker's first chunk (which inserts activities) wait.
 * The wait is far shorter than the worker's lease and the pool's socket timeout, so the service does not
 * notice it; {@link #open()} lets the chunk through.
 */
final class JobGate implements AutoCloseable {

    private final Connection connection;

    private JobGate(Connection connection) {
        this.connection = connection;
    }

    static JobGate closed(String databaseUrl) throws SQLException {
        var connection = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
        connection.setAutoCommit(false);
        try (var st = connection.createStatement()) {
            st.execute("LOCK TABLE participation_activity IN SHARE MODE");
        }
        return new JobGate(connection);
    }

    void open() throws SQLException {
        if (!connection.isClosed()) {
            connection.rollback();
            connection.close();
        }
    }

    @Override
    public void close() throws SQLException {
        open();
    }
}
