package bulkreg;

import bulkreg.app.App;
import bulkreg.app.ConfigLoader;
import bulkreg.app.Settings;
import io.helidon.logging.common.LogConfig;

import java.io.UncheckedIOException;

/** Reads the settings, starts the application and stops it cleanly on SIGTERM or Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        App app;
        try {
            app = App.start(Settings.from(ConfigLoader.load(System.getenv())));
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // A setting or the environment is wrong: say what, without a stack trace.
            System.err.println("bulkreg cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    }
}
