package bulkreg.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A PostgreSQL server of a test's own, which the test may stop and start again: same data folder, same
 * port, so clients configured with its URL find it again, as after a database restart or fail-over in
 * production. (The shared {@link TestDatabase} server must stay up for the other tests.)
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A new server on an empty data folder under target/ and a free port. */
    public static RestartablePostgres start(String name) {
        var dir = Path.of("target", "restartable-postgres", name + "-" + ProcessHandle.current().pid());
        try (var probe = new ServerSocket(0)) {
            var postgres = new RestartablePostgres(dir, probe.getLocalPort());
            probe.close();
            deleteRecursively(dir);
            postgres.start();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stopped server again on its data and port. */
    public void restart() {
        start();
    }

    /** A fast shutdown, as an operator's restart: open transactions are rolled back, connections cut. */
    public void stop() {
        try {
            server.close();
            server = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** Never a clean data folder: the library would delete it at every stop, and the data with it. */
    private void start() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                    .setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
