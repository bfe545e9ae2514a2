package bulkreg.app;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is.
 *
 * @param url             an external PostgreSQL's JDBC URL; empty to start the embedded server
 * @param embeddedDataDir where the embedded server keeps its data between runs
 */
public record DatabaseSettings(Optional<String> url, String user, String password, int poolSize,
                               Path embeddedDataDir) {
}
