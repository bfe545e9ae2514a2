package bulkreg.support;

import bulkreg.app.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (var p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A connection to the server's own database, to change others (their settings, their connections). */
    public static synchronized java.sql.Connection admin() throws SQLException {
        return DriverManager.getConnection(server().jdbcUrl(), "postgres", "postgres");
    }

    private static EmbeddedDatabase server() {
        if (server == null) {
            try {
                // Under target/, so `mvn clean` removes it; each test JVM starts from an empty folder.
                var dir = Path.of("target", "test-postgres", String.valueOf(ProcessHandle.current().pid()));
                deleteRecursively(dir.getParent());
                server = EmbeddedDatabase.start(dir, false);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }
}
