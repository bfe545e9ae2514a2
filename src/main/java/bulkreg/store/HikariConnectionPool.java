package bulkreg.store;

import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Hands Helidon DB Client connections from the application's one HikariCP pool. */
public final class HikariConnectionPool implements JdbcConnectionPool {

    private final DataSource dataSource;

    public HikariConnectionPool(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("No database connection: " + e.getMessage(), e);
        }
    }

    @Override
    public String dbType() {
        return "postgresql";
    }
}
