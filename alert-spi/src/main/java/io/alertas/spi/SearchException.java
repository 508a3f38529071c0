package io.alertas.spi;

/** A search an evaluator sent through {@link AlertContext#search} was refused or not answered. */
public class SearchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SearchException(String message) {
        super(message);
    }

    public SearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
