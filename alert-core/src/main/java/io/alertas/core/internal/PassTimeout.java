package io.alertas.core.internal;

import java.time.Duration;

/**
 * How long one pass may take: {@code "pass_timeout"} in credentials.json, or {@link AlertMaster.Builder#passTimeout}
 * in code. An alert whose answer has not come by then fails with "no answer", and a delivery not tried by then
 * is kept for the next pass.
 */
public final class PassTimeout {

    /** The pass timeout when none is given. */
    public static final Duration DEFAULT = Duration.ofSeconds(50);

    private PassTimeout() {
    }
}
