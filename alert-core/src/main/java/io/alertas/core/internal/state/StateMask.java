package io.alertas.core.internal.state;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.secrets.Secrets;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the state keeps of a configuration's texts, so that it never holds a secret: every text (a waiting
 * notification's title, message, findings and summary, a delivery's or a query's error, a silence's reason)
 * passes the configuration's mask, and a key that quotes a secret is kept as the masked key with each
 * {@link Secrets#MASK} written as {@code [secret:} and the first 12 hex digits of the whole key's SHA-256
 * {@code ]}. That form is the same on every pass, and differs between keys, so the throttle, the episodes and
 * the silences of such a key still hold. A notification waiting is kept as a medium would send it anyway.
 */
public final class StateMask {

    /** No secret: texts and keys are kept as they are. */
    public static final StateMask NONE = new StateMask(Secrets.NONE);
    private static final int HASH_DIGITS = 12;

    private final Secrets secrets;

    private StateMask(Secrets secrets) {
        this.secrets = secrets;
    }

    /** The state's mask for a configuration whose secrets are {@code secrets}. */
    public static StateMask of(Secrets secrets) {
        return new StateMask(requireNonNull(secrets, "secrets is null"));
    }

    /** {@code key} as the state keeps it: as it is, or masked in its own form when it quotes a secret. */
    public String key(String key) {
        String masked = secrets.mask(key);
        if (masked == null || masked.equals(key)) {
            return key;
        }
        return masked.replace(Secrets.MASK, "[secret:" + hash(key) + "]");
    }

    /** {@code evaluation} with each finding's key as the state keeps it; null stays null. */
    public Evaluation keys(Evaluation evaluation) {
        if (evaluation == null || evaluation.findings().stream().allMatch(f -> key(f.key()).equals(f.key()))) {
            return evaluation;
        }
        Evaluation stored = Evaluation.fire(evaluation.message(), findings(evaluation.findings()));
        return evaluation.memory().map(stored::remembering).orElse(stored);
    }

    /** {@code text} as the state keeps it: each secret it quotes masked. */
    public String text(String text) {
        return secrets.mask(text);
    }

    State.Pending pending(State.Pending p) {
        Notification n = p.notification();
        Notification masked = secrets.mask(n.toBuilder().findings(findings(n.findings())).build());
        return new State.Pending(p.medium(), masked, text(p.summary()), p.firstFailedAt(), p.attempts(),
                text(p.lastError()), p.accepted().stream().map(this::key).collect(Collectors.toSet()), p.notBefore());
    }

    State.Activity activity(State.Activity a) {
        return new State.Activity(a.lastRun(), a.lastFired(), a.lastFailedAt(), text(a.lastError()));
    }

    Silence silence(Silence s) {
        return new Silence(s.id(), s.alert(), s.key() == null ? null : key(s.key()), s.from(), s.until(),
                text(s.reason()), s.muted());
    }

    private List<Finding> findings(List<Finding> findings) {
        return findings.stream().map(f -> Finding.of(key(f.key()), f.text())).toList();
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
