package bulkreg.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real PostgreSQL server from the binaries on the class path, keeping its data in a folder between runs. */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
            LOG.log(Level.INFO, "Embedded PostgreSQL on port {0}, data in {1}", postgres.getPort(),
                    dataDir.toAbsolutePath());
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
