package bulkreg;

import bulkreg.app.App;
import bulkreg.app.ConfigLoader;
import bulkreg.app.Settings;
import io.helidon.logging.common.LogConfig;

/** Reads the settings, starts the application and stops it cleanly on SIGTERM or Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        var settings = Settings.from(ConfigLoader.load(System.getenv()));
        var app = App.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    }
}
