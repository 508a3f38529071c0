package io.alertas.sigma.rule;

import io.alertas.sigma.SigmaException;
import java.util.List;

/** Reads Sigma rules from YAML text. (Stub: the language slice writes it.) */
public final class SigmaRules {

    private SigmaRules() {
    }

    /**
     * The rules of one file's text, one per YAML document; {@code origin} names the file in every message.
     *
     * @throws SigmaException when the text is no Sigma rule (reason INVALID or DEPRECATED_SYNTAX)
     */
    public static List<SigmaRule> read(String origin, String yaml) throws SigmaException {
        throw new UnsupportedOperationException("stub");
    }
}
