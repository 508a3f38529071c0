package io.alertas.core.pass;

import static java.util.Objects.requireNonNull;

/**
 * One line of a connection check: what was checked ({@code subject}, such as {@code alert "x"} or
 * {@code medium "slack"}), how it came out, and what was found.
 */
public record ConnectionCheck(Outcome outcome, String subject, String text) {

    /** How a check came out: fine, worth a look, or something that will make passes fail. */
    public enum Outcome { OK, WARNING, PROBLEM }

    public ConnectionCheck {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(text, "text is null");
    }
}
