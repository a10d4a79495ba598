package io.infrapivot.engine.config;

/** The configuration cannot be used; the message is one sentence for the user. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
