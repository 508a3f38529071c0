package io.alertas.core.internal.media;

/**
 * A built-in medium that says which receiver it posts to, so that a pass delivers to one receiver one
 * notification at a time, in order, however many media name it: a receiver limits its rate per URL.
 */
public interface Addressed {

    /**
     * The receiver: its URL, or the list of its URLs; compared for equality only. It may hold a secret (a
     * webhook's path) and never leaves the process: not logged, named or written.
     */
    Object receiver();
}
