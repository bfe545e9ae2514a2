package bulkreg.support;

import bulkreg.app.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL server per test JVM, and a fresh database on it for each caller, so test
 * classes never see each other's jobs.
 */
public final class TestDatabase {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestDatabase() {
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static synchronized String fresh() {
        var name = "test_" + NEXT.incrementAndGet();
        try (var c = DriverManager.getConnection(server().jdbcUrl(), "postgres", "postgres");
             var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://localhost:" + server().port() + "/" + name;
    }

    /** A connection to the server's own database, to change others (their settings, their connections). */
    public static synchronized java.sql.Connection admin() throws SQLException {
        return DriverManager.getConnection(server().jdbcUrl(), "postgres", "postgres");
    }

    private static EmbeddedDatabase server() {
        if (server == null) {
            try {
                var dir = Files.createTempDirectory("bulkreg-test-pg");
                server = EmbeddedDatabase.start(dir.resolve("data"), false);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }
}
