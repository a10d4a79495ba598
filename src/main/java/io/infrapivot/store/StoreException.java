package io.infrapivot.store;

/** A case store could not read or write its database; the message says what and where. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
