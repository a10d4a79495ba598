package io.infrapivot.app.cli;

import io.infrapivot.engine.config.Config;
import java.util.HashMap;
import java.util.Map;

/**
 * The config of a command line: {@code --config FILE} names the file in place of {@code INFRAPIVOT_CONFIG} (and the
 * XDG default), so that everything resolved from the config file's place (its folder's {@code hosting-asns.txt})
 * follows the flag too; the rest of the environment is as given.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** The config of {@code file} (null or blank: the environment's), with the process's environment. */
    static Config load(String file) {
        return load(file, System.getenv(), System.getProperty("user.home"));
    }

    static Config load(String file, Map<String, String> env, String home) {
        if (file == null || file.isBlank()) return Config.load(env, home);
        Map<String, String> withFile = new HashMap<>(env);
        withFile.put("INFRAPIVOT_CONFIG", file);
        return Config.load(withFile, home);
    }
}
