package io.alertas.sigma.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.SigmaException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Sigma rules from YAML text, with Jackson's YAML module: a file of at most 1 MB, nested at most 64 deep, with
 * no duplicate key; each document one rule, its shape checked and its condition parsed, so that a rule that reads
 * is one the converter can take up.
 */
public final class SigmaRules {

    private SigmaRules() {
    }

    /**
     * The rules of one file's text, one per YAML document (empty documents left out); {@code origin} names the file
     * in every message. When the file holds several documents, each rule's origin adds {@code ", document N"}.
     *
     * @throws SigmaException when the text is no Sigma rule (reason INVALID or DEPRECATED_SYNTAX), with a one-line
     *         message that starts with the origin
     */
    public static List<SigmaRule> read(String origin, String yaml) throws SigmaException {
        List<JsonNode> documents = YamlDocuments.read(origin, yaml);
        List<SigmaRule> rules = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String where = documents.size() == 1 ? origin : origin + ", document " + (i + 1);
            rules.add(RuleDocument.rule(where, documents.get(i)));
        }
        if (rules.isEmpty()) {
            throw new SigmaException(SigmaException.Reason.INVALID, origin + ": the file holds no YAML document");
        }
        return rules;
    }
}
