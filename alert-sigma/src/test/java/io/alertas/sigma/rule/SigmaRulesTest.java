package io.alertas.sigma.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading rule files: every part of a rule, several documents, and each way a file can be wrong or hostile. */
class SigmaRulesTest {

    private static final String DETECTION = "detection:\n  sel:\n    Image|endswith: '\\svchost.exe'\n  condition: sel\n";

    @Test
    void readsEveryPartOfARule() throws SigmaException {
        SigmaRule rule = SigmaRules.read("svchost.yml", """
                title: Suspicious Svchost
                id: 01d2a3b4-0000-4000-8000-000000000001
                name: svchost_parent
                status: Test
                description: svchost started by something odd
                author: Ann, Bob
                date: 2024-01-02
                level: HIGH
                tags:
                  - attack.defense-evasion
                  - attack.t1036
                references: https://example.com/svchost
                logsource:
                  product: Windows
                  category: process_creation
                """ + DETECTION).get(0);
        assertEquals("svchost.yml", rule.origin());
        assertEquals("Suspicious Svchost", rule.title());
        assertEquals("01d2a3b4-0000-4000-8000-000000000001", rule.id());
        assertEquals("svchost_parent", rule.name());
        assertEquals("test", rule.status());
        assertEquals("high", rule.level());
        assertEquals("Ann, Bob", rule.author());
        assertEquals("2024-01-02", rule.date());
        assertEquals(List.of("attack.defense-evasion", "attack.t1036"), rule.tags());
        assertEquals(List.of("https://example.com/svchost"), rule.references());
        assertEquals(List.of(), rule.falsePositives());
        assertEquals(new LogSource("windows", "process_creation", null), rule.logSource());
        assertEquals("sel", rule.detection().get("condition").asText());
        assertFalse(rule.isCorrelation());
    }

    @Test
    void missingOptionalPartsAreEmpty() throws SigmaException {
        SigmaRule rule = SigmaRules.read("bare.yml", "title: Bare\n" + DETECTION).get(0);
        assertEquals("", rule.author());
        assertEquals("", rule.level());
        assertEquals(List.of(), rule.tags());
        assertEquals(new LogSource(null, null, null), rule.logSource());
    }

    @Test
    void eachDocumentIsARuleNamedByItsNumber() throws SigmaException {
        List<SigmaRule> rules = SigmaRules.read("two.yml", "title: One\n" + DETECTION + "---\ntitle: Two\n"
                + "correlation:\n  type: event_count\n  rules: [one]\n  timespan: 5m\n  condition: {gte: 3}\n");
        assertEquals(List.of("two.yml, document 1", "two.yml, document 2"), rules.stream().map(SigmaRule::origin).toList());
        assertTrue(rules.get(1).isCorrelation());
        assertNull(rules.get(1).detection());
    }

    @Test
    void anAliasIsRefusedRatherThanReadAsItsName() {
        String message = failure(Reason.INVALID, "alias.yml", "title: A\nvalues: &tools ['mimikatz', 'rubeus']\n"
                + "detection:\n  sel:\n    CommandLine|contains: *tools\n  condition: sel\n");
        assertTrue(message.startsWith("alias.yml:5:"), message);
        assertTrue(message.contains("the alias *tools is not supported in a rule"), message);
    }

    @Test
    void sigmaOneSyntaxIsDeprecated() {
        assertEquals("global.yml: \"action: global\" (rule collections) is Sigma 1 syntax; write each rule whole in its own document",
                failure(Reason.DEPRECATED_SYNTAX, "global.yml", "action: global\ntitle: G\n" + DETECTION));
        assertEquals("count.yml: the condition's aggregation \"| count(User) by Host > 3\" is Sigma 1 syntax; "
                        + "Sigma 2 writes it as a correlation rule",
                failure(Reason.DEPRECATED_SYNTAX, "count.yml", "title: C\n" + DETECTION.replace("condition: sel",
                        "condition: sel | count(User) by Host > 3")));
        assertEquals("near.yml: the condition's aggregation \"| near sel\" is Sigma 1 syntax; Sigma 2 writes it as a correlation rule",
                failure(Reason.DEPRECATED_SYNTAX, "near.yml", "title: C\n" + DETECTION.replace("condition: sel",
                        "condition: sel | near sel")));
    }

    @Test
    void aMissingOrMisshapenPartIsNamed() {
        assertEquals("a.yml: \"title\" is missing", failure(Reason.INVALID, "a.yml", DETECTION));
        assertEquals("a.yml: \"detection\" is missing", failure(Reason.INVALID, "a.yml", "title: T\n"));
        assertEquals("a.yml: \"detection\" has no \"condition\"",
                failure(Reason.INVALID, "a.yml", "title: T\ndetection:\n  sel: {a: 1}\n"));
        assertEquals("a.yml: \"detection\" must be a mapping of search identifiers and a condition, not a list",
                failure(Reason.INVALID, "a.yml", "title: T\ndetection: [a]\n"));
        assertEquals("a.yml: \"tags\" must be a list of texts, not a mapping",
                failure(Reason.INVALID, "a.yml", "title: T\ntags: {a: b}\n" + DETECTION));
        assertEquals("a.yml: \"title\" must be text, not a list", failure(Reason.INVALID, "a.yml", "title: [a]\n" + DETECTION));
        assertEquals("a.yml: the condition names \"sel2\", which is no search identifier of the detection [sel]",
                failure(Reason.INVALID, "a.yml", "title: T\n" + DETECTION.replace("condition: sel", "condition: sel and sel2")));
        assertEquals("a.yml: \"correlation\" must be a mapping (type, rules, timespan, ...), not the scalar \"x\"",
                failure(Reason.INVALID, "a.yml", "title: T\ncorrelation: x\n"));
    }

    @Test
    void aDocumentThatIsNoMappingIsRefused() {
        assertEquals("list.yml: the document is a list, not the mapping of keys a Sigma rule is",
                failure(Reason.INVALID, "list.yml", "- a\n- b\n"));
        assertEquals("empty.yml: the file holds no YAML document", failure(Reason.INVALID, "empty.yml", "# nothing\n"));
    }

    @Test
    void aDuplicateKeyIsRefusedWithItsPlace() {
        String message = failure(Reason.INVALID, "dup.yml", "title: A\ntitle: B\n" + DETECTION);
        assertTrue(message.startsWith("dup.yml:2:") && message.contains("Duplicate field 'title'"), message);
    }

    @Test
    void hostileFilesFailInOneLineAndQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String big = "title: Big\ndescription: " + "x".repeat(1_100_000) + "\n" + DETECTION;
            assertEquals("big.yml: the file is over 1 MB (1100095 characters); a Sigma rule is a few KB",
                    failure(Reason.INVALID, "big.yml", big));
            for (String deep : List.of("[".repeat(10_000) + "]".repeat(10_000), "{a: ".repeat(10_000) + "}".repeat(10_000), nestedMappings(1_000))) {
                String message = failure(Reason.INVALID, "deep.yml", deep);
                assertTrue(message.startsWith("deep.yml") && message.toLowerCase().contains("nesting")
                        && !message.contains("\n"), message);
            }
        });
    }

    @Test
    void controlAndBidiCharactersInTheTextAreRefused() {
        assertEquals("bidi.yml: \"title\" holds the control character U+202E, which would hide or reorder what a terminal "
                        + "shows: \"Evil U+202Eexe.txt\"",
                failure(Reason.INVALID, "bidi.yml", "title: \"Evil \\u202Eexe.txt\"\n" + DETECTION));
        assertEquals("ctl.yml:1:13: the control character U+0007 is not allowed in a rule file",
                failure(Reason.INVALID, "ctl.yml", "title: Bell \u0007 here\n" + DETECTION));
    }

    private static String nestedMappings(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            text.append(" ".repeat(i + 1)).append("a:\n");
        }
        return text.toString();
    }

    private static String failure(Reason reason, String origin, String yaml) {
        SigmaException e = assertThrows(SigmaException.class, () -> SigmaRules.read(origin, yaml));
        assertEquals(reason, e.reason(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }
}
