package bulkreg.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.time.Duration;

/** Builds the connection pool and brings the schema up to date. */
final class Database {

    /** How long a request waits for a connection before the database counts as unavailable. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private Database() {
    }

    static HikariDataSource pool(String name, String url, DatabaseSettings settings, int size) {
        var config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // Bounded statements: a stuck database never holds a request or a worker forever.
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }

    static void migrate(HikariDataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
