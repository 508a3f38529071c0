package io.alertas.runner;

/** Short forms of exceptions for one-line messages on stderr; the log keeps the whole trace. */
final class Messages {

    private Messages() {
    }

    /** The exception's first line, with the exception type when the message alone would not say it. */
    static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getName();
        }
        return message.lines().findFirst().orElse(message);
    }
}
