package io.infrapivot.app.cli;

/**
 * The global {@code --store}, {@code --analyst} and {@code --config} options, read from the command line before any command runs
 * (they may stand before or after the command word, like {@code --debug}), and handed to the context.
 */
final class TeamOptions {
    private TeamOptions() {
    }

    static void apply(AppContext context, String... args) {
        String store = value(args, "--store");
        if (store != null) context.store(store);
        String config = value(args, "--config");
        if (config != null) context.configFile(config);
        String analyst = value(args, "--analyst");
        if (analyst != null) context.analyst(analyst);
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE} (the last one given), or null. */
    static String value(String[] args, String name) {
        String found = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--".equals(a)) break;
            if (a.equals(name) && i + 1 < args.length) found = args[++i];
            else if (a.startsWith(name + "=")) found = a.substring(name.length() + 1);
        }
        return found;
    }
}
