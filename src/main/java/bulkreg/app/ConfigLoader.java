package bulkreg.app;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.util.Map;

/** Settings come from, strongest first: the documented environment variables, system properties, then YAML. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static Config load(Map<String, String> environment) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .sources(ConfigSources.create(EnvironmentAliases.resolve(environment)),
                        ConfigSources.systemProperties(),
                        ConfigSources.classpath("application.yaml"))
                .build();
    }
}
