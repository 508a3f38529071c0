package io.alertas.sigma.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.mapping.FieldMap;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.sigma.rule.SigmaRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queries a detection becomes, and each reason a detection cannot become one, without a cluster. */
class SigmaQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FieldMap SAME = List::of;

    @Test
    void theCaseFlagGoesOnlyWhereThereAreLettersToFold() throws Exception {
        assertEquals(json("{'wildcard': {'Image': {'value': '*\\\\\\\\svchost.exe', 'case_insensitive': true}}}"),
                query("Image|endswith: '\\svchost.exe'"));
        assertEquals(json("{'term': {'Port': {'value': '445'}}}"), query("Port: '445'"));
        assertEquals(json("{'term': {'EventID': {'value': 4688}}}"), query("EventID: 4688"));
        assertEquals(json("{'prefix': {'Image': {'value': 'C:\\\\Temp\\\\'}}}"), query("Image|startswith|cased: 'C:\\Temp\\'"));
        assertEquals(json("{'range': {'Size': {'gte': 10}}}"), query("Size|gte: 10"));
        assertEquals(json("{'term': {'Ip': {'value': '10.0.0.0/8'}}}"), query("Ip|cidr: 10.0.0.0/8"));
        assertFalse(query("User: [a, b, c]").toString().contains("\"terms\""), "terms takes no case flag, so none is used");
    }

    @Test
    void nullIsAnAbsentFieldAndEveryTargetCounts() throws Exception {
        assertEquals(json("{'bool': {'must_not': [{'exists': {'field': 'User'}}]}}"), query("User: null"));
        FieldMap two = field -> List.of("a." + field, "b." + field);
        assertEquals(json("{'bool': {'should': [{'term': {'a.Id': {'value': 5}}}, {'term': {'b.Id': {'value': 5}}}],"
                + " 'minimum_should_match': 1}}"), convert("sel:\n  Id: 5\ncondition: sel", two, Map.of()).query());
    }

    @Test
    void everyFieldIsMappedOrTheRuleIsUnmapped() {
        FieldMap known = field -> field.equals("Image") ? List.of("process.executable") : List.of();
        assertEquals("no mapping knows the field \"Hashes\"",
                failure(Reason.UNMAPPED_FIELD, "sel:\n  Image: x\n  Hashes: y\ncondition: sel", known, Map.of()));
        assertEquals("no mapping knows the field \"ParentImage\"",
                failure(Reason.UNMAPPED_FIELD, "sel:\n  Image|fieldref: ParentImage\ncondition: sel", known, Map.of()));
    }

    @Test
    void modifiersThatCannotBeConvertedAreNamed() {
        assertEquals("the modifier \"sha256\" (in \"Hash|sha256\") is not supported",
                failure(Reason.UNSUPPORTED_MODIFIER, "sel:\n  Hash|sha256: x\ncondition: sel"));
        assertEquals("re: the lookahead '(?=' in \"a(?=b)\" has no Lucene equivalent",
                failure(Reason.UNSUPPORTED_MODIFIER, "sel:\n  F|re: 'a(?=b)'\ncondition: sel"));
        assertEquals("re: the lookbehind '(?<!' in \"(?<!a)b\" has no Lucene equivalent",
                failure(Reason.UNSUPPORTED_MODIFIER, "sel:\n  F|re: '(?<!a)b'\ncondition: sel"));
        assertEquals("re: the backreference '\\1' in \"(a)\\1\" has no Lucene equivalent",
                failure(Reason.UNSUPPORTED_MODIFIER, "sel:\n  F|re: '(a)\\1'\ncondition: sel"));
        assertTrue(failure(Reason.INVALID, "sel:\n  F|re: 'a(b'\ncondition: sel")
                .startsWith("the regular expression \"a(b\" does not compile: "));
        assertEquals("\"User|fieldref\": fieldref is supported only where every match needs it or must not meet it "
                        + "(not among alternatives): its comparison is a check on each hit, after the query",
                failure(Reason.UNSUPPORTED_MODIFIER, "a:\n  User|fieldref: ParentUser\nb:\n  X: 1\ncondition: a or b"));
        assertEquals("\"F|base64\": a value with wildcards cannot be encoded: \"a*\"",
                failure(Reason.UNSUPPORTED_MODIFIER, "sel:\n  F|base64: 'a*'\ncondition: sel"));
        assertTrue(failure(Reason.UNSUPPORTED_MODIFIER, "sel:\n  F|windash: '-a -b -c -d'\ncondition: sel")
                .startsWith("windash on a value with more than 3 dashes starting a word"));
        assertEquals("cidr: \"10.0.0.300/8\" is no IPv4 or IPv6 network like 10.0.0.0/8 or fe80::/10",
                failure(Reason.INVALID, "sel:\n  Ip|cidr: 10.0.0.300/8\ncondition: sel"));
        assertEquals("\"Size|gt\" compares with a number, not \"big\"", failure(Reason.INVALID, "sel:\n  Size|gt: big\ncondition: sel"));
        assertEquals("\"Size\": the number \"123456789012345678901234567890\" is beyond what a field holds (a 64-bit integer or a double)",
                failure(Reason.INVALID, "sel:\n  Size: 123456789012345678901234567890\ncondition: sel"));
    }

    @Test
    void aPlaceholderNeedsValues() {
        assertEquals("the placeholder %Admins% has no values: give them in the configuration's \"placeholders\"",
                failure(Reason.UNKNOWN_PLACEHOLDER, "sel:\n  User|expand: '%Admins%'\ncondition: sel"));
    }

    @Test
    void regularExpressionsBecomeLuceneSyntax() throws Exception {
        assertEquals(regexp(".*[0-9]+\\\\.[a-zA-Z0-9_][^\\n].*", false), query("F|re: '\\d+\\.\\w.'"));
        assertEquals(regexp("ab\\\\#\\\\@.*", true), query("F|re|i: '^ab#@'"));
        assertEquals(regexp(".*(a|b)c", true), query("F|re: '(?i)(?:a|b)c$'"));
        assertEquals(regexp(".*a.b.*", false), query("F|re|s: 'a.b'"));
        assertEquals(regexp("a|.*b", false), query("F|re: '^a$|b$'"));
        assertEquals(regexp("[a-z]{4}|.*x.*", false), query("F|re: '(^[a-z]{4}$|x)'"),
                "a group around the whole pattern is no group: its anchors count");
        assertEquals(regexp(".*(a)(b).*", false), query("F|re: '(a)(b)'"));
        assertEquals(regexp(".*a(b|()).*", false), query("F|re: 'a(b|)'"), "Lucene's empty text is ()");
        assertEquals(regexp(".*\\\\-n[^\\n]{6,16}echo.*", false), query("F|re: '-n.{6,16}echo'"));
        assertEquals("re: the repetition {6,64} of a broad class makes an automaton larger "
                        + "than Elasticsearch builds (10,000 states) in \"-n.{6,64}echo\" has no Lucene equivalent",
                failure(Reason.UNSUPPORTED_MODIFIER, "sel:\n  F|re: '-n.{6,64}echo'\ncondition: sel"));
        assertTrue(failure(Reason.UNSUPPORTED_MODIFIER, "sel:\n  F|re: '[^x]{1000,}'\ncondition: sel")
                .startsWith("re: the repetition {1000,} of a broad class"));
    }

    @Test
    void encodingsGiveTheThreeOffsets() throws Exception {
        assertEquals(json("{'bool': {'should': [{'wildcard': {'F': {'value': '*cGluZ*'}}}, {'wildcard': {'F': {'value': '*Bpbm*'}}},"
                + " {'wildcard': {'F': {'value': '*waW5n*'}}}], 'minimum_should_match': 1}}"), query("F|base64offset|contains: ping"));
        assertEquals(json("{'term': {'F': {'value': 'cGluZw=='}}}"), query("F|base64: ping"));
        assertEquals(json("{'wildcard': {'F': {'value': '*cABpAG4AZwA=*'}}}"), query("F|wide|base64|contains: ping"));
    }

    @Test
    void windashSpellsEachDash() throws Exception {
        JsonNode query = query("F|windash|contains: ' -exec'");
        assertEquals(5, query.path("bool").path("should").size());
        assertTrue(query.toString().contains("* \u2015exec*"), query.toString());
        assertTrue(query.toString().contains("* /exec*"), query.toString());
    }

    @Test
    void aHugeConditionConvertsWithoutOverflowingTheStack() {
        StringBuilder detection = new StringBuilder();
        StringBuilder condition = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            detection.append("s").append(i).append(":\n  F: v").append(i).append('\n');
            condition.append(i == 0 ? "" : i % 2 == 0 ? " or " : " and not ").append('s').append(i);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            JsonNode query = convert(detection + "condition: " + condition, SAME, Map.of()).query();
            assertEquals(2_500, query.path("bool").path("should").size());
        });
    }

    @Test
    void aRuleThatSpellsOutTooManyValuesOrNamesAMonstrousFieldIsRefusedQuickly() {
        StringBuilder values = new StringBuilder("sel:\n  F|windash|contains:\n");
        for (int i = 0; i < 25_000; i++) {
            values.append("    - '-a").append(i).append(" -b -c'\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertTrue(
                failure(Reason.INVALID, values + "condition: sel").contains("more than 100000 values")));
        String field = "a" + ".a".repeat(3_000);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            String message = failure(Reason.INVALID, "sel:\n  F|fieldref: '" + field + "'\ncondition: sel");
            assertTrue(message.contains("dotted parts"), message);
        });
    }

    private static JsonNode query(String item) throws SigmaException {
        return convert("sel:\n  " + item + "\ncondition: sel", SAME, Map.of()).query();
    }

    private static SigmaQuery.Conversion convert(String detection, FieldMap fields, Map<String, List<String>> placeholders)
            throws SigmaException {
        SigmaRule rule = SigmaRules.read("t.yml", "title: T\ndetection:\n  " + detection.replace("\n", "\n  ") + "\n").get(0);
        return SigmaQuery.convert(rule, fields, placeholders);
    }

    private static String failure(Reason reason, String detection) {
        return failure(reason, detection, SAME, Map.of());
    }

    private static String failure(Reason reason, String detection, FieldMap fields, Map<String, List<String>> placeholders) {
        SigmaException e = assertThrows(SigmaException.class, () -> convert(detection, fields, placeholders));
        assertEquals(reason, e.reason(), e.getMessage());
        return e.getMessage();
    }

    private static JsonNode regexp(String value, boolean caseInsensitive) throws Exception {
        return json("{'regexp': {'F': {'value': '" + value + "'" + (caseInsensitive ? ", 'case_insensitive': true" : "")
                + "}}}");
    }

    private static JsonNode json(String singleQuoted) throws Exception {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }
}
