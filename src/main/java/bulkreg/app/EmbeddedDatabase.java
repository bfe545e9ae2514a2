package bulkreg.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A real PostgreSQL server from the binaries on the class path, keeping its data in a folder between runs. */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());

    private final EmbeddedPostgres postgres;
    private final FileChannel lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lock) {
        this.postgres = postgres;
        this.lock = lock;
    }

    /**
     * @param durable keep PostgreSQL's crash safety (fsync, synchronous commit), which the embedded defaults
     *                turn off for speed; only throwaway test databases should pass false
     */
    public static EmbeddedDatabase start(Path dataDir, boolean durable) {
        FileChannel lock = null;
        try {
            Files.createDirectories(dataDir);
            lock = lock(dataDir);
            stopOrphan(dataDir);
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Its owner closes it, after the workers have ended their chunks; the library's own hook
                    // would stop PostgreSQL under them at the same moment.
                    .setRegisterShutdownHook(false);
            if (durable) {
                // The library passes -F (fsync off); a later -c fsync=on wins.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            var postgres = builder.start();
            LOG.log(Level.INFO, "Embedded PostgreSQL on port " + postgres.getPort() + ", data in "
                    + dataDir.toAbsolutePath());
            return new EmbeddedDatabase(postgres, lock);
        } catch (IOException e) {
            closeQuietly(lock);
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Holds a lock beside the data folder for this process's lifetime (the OS drops it when the process dies,
     * even by kill -9), so a second instance on the same folder is refused instead of breaking the first,
     * and a PostgreSQL found running on the folder without the lock held is certainly an orphan.
     */
    private static FileChannel lock(Path dataDir) throws IOException {
        var file = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // this process holds it already: reported below like any other holder
        }
        channel.close();
        throw new IllegalStateException("Another bulkreg process is using the embedded database in "
                + dataDir.toAbsolutePath() + "; stop it, or give this one another DATA_DIR or a DATABASE_URL");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot release the data folder lock", e);
        }
    }

    /**
     * A server left running by a previous run that was killed (kill -9 ends the JVM, not its PostgreSQL
     * child) still holds the data folder; stop it so this run can start on the same data.
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return;
        }
        var orphan = ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.log(Level.WARNING, "Stopping PostgreSQL (pid " + orphan.get().pid() + ") left running on "
                + dataDir.toAbsolutePath() + " by an earlier run");
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PostgreSQL pid " + orphan.get().pid() + " still holds " + dataDir
                    + "; stop it and start again", e);
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
        } finally {
            closeQuietly(lock);
        }
    }
}
