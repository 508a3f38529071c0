package io.alertas.core.pass;

/** Another pass holds the lock of this configuration. */
public final class StateLockedException extends Exception {

    public StateLockedException(String message) {
        super(message);
    }
}
