package io.alertas.sigma.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueryMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EVENT = """
            { "winlog": { "channel": "Microsoft-Windows-Sysmon/Operational", "event_id": "1",
                          "event_data": { "IntegrityLevel": "High", "Hashes": ["MD5=AB", "SHA256=CD"] } },
              "winlog.event_data.Flat": "Flattened",
              "process": { "command_line": "C:\\\\Windows\\\\System32\\\\cmd.exe /c whoami", "pid": 4688,
                           "executable": "C:\\\\Windows\\\\System32\\\\cmd.exe", "args": [] },
              "event": { "code": "4688", "severity": 7.5, "outcome": null },
              "source": { "ip": "10.1.2.3" },
              "multiline": "first line\\nsecond line",
              "user": { "name": "ÄDMIN", "domain": "CORP" },
              "objects": [ { "name": "a" }, { "name": "b" } ],
              "truth": true }
            """;

    private static boolean matches(String query) {
        return matches(query, EVENT);
    }

    private static boolean matches(String query, String document) {
        try {
            return QueryMatcher.of(JSON.readTree(query)).test(JSON.readTree(document));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void termMatchesTheWholeValueMindingCaseUnlessAsked() {
        assertTrue(matches("{\"term\": {\"user.domain\": {\"value\": \"CORP\"}}}"));
        assertFalse(matches("{\"term\": {\"user.domain\": {\"value\": \"corp\"}}}"));
        assertTrue(matches("{\"term\": {\"user.domain\": {\"value\": \"corp\", \"case_insensitive\": true}}}"));
        assertFalse(matches("{\"term\": {\"user.domain\": {\"value\": \"COR\", \"case_insensitive\": true}}}"));
        assertTrue(matches("{\"term\": {\"user.name\": {\"value\": \"ädmin\", \"case_insensitive\": true}}}"),
                "case folds beyond ASCII for term, as Elasticsearch folds each character");
        assertTrue(matches("{\"term\": {\"user.domain\": \"CORP\"}}"), "the short form");
    }

    @Test
    void fieldsAreFoundNestedFlattenedOrMixedAndInArrays() {
        assertTrue(matches("{\"term\": {\"winlog.event_data.IntegrityLevel\": {\"value\": \"High\"}}}"));
        assertTrue(matches("{\"term\": {\"winlog.event_data.Flat\": {\"value\": \"Flattened\"}}}"));
        assertTrue(matches("{\"term\": {\"winlog.event_data.Hashes\": {\"value\": \"SHA256=CD\"}}}"));
        assertTrue(matches("{\"term\": {\"objects.name\": {\"value\": \"b\"}}}"), "an array of objects");
        assertTrue(matches("{\"term\": {\"a.b.c\": {\"value\": \"x\"}}}", "{\"a.b\": {\"c\": \"x\"}}"));
        assertTrue(matches("{\"term\": {\"a.b.c\": {\"value\": \"x\"}}}", "{\"a\": {\"b.c\": \"x\"}}"));
        assertFalse(matches("{\"term\": {\"winlog.event_data\": {\"value\": \"High\"}}}"), "an object is no value");
        assertFalse(matches("{\"term\": {\"winlog.missing\": {\"value\": \"High\"}}}"));
    }

    @Test
    void numbersCompareAsNumbersAndAsTheirText() {
        assertTrue(matches("{\"term\": {\"event.code\": {\"value\": 4688}}}"), "a keyword \"4688\" is the term 4688");
        assertTrue(matches("{\"term\": {\"process.pid\": {\"value\": \"4688\"}}}"), "a number field takes the term \"4688\"");
        assertTrue(matches("{\"term\": {\"process.pid\": {\"value\": \"4688.0\"}}}"));
        assertFalse(matches("{\"term\": {\"process.pid\": {\"value\": \"0x1250\"}}}"));
        assertTrue(matches("{\"term\": {\"event.severity\": {\"value\": 7.5}}}"));
        assertTrue(matches("{\"term\": {\"truth\": {\"value\": true}}}"));
        assertTrue(matches("{\"term\": {\"truth\": {\"value\": \"true\"}}}"));
        assertTrue(matches("{\"terms\": {\"winlog.event_id\": [\"1\", \"3\"]}}"));
        assertFalse(matches("{\"terms\": {\"winlog.event_id\": [\"11\", \"13\"]}}"));
    }

    @Test
    void rangeComparesNumbers() {
        assertTrue(matches("{\"range\": {\"process.pid\": {\"gt\": 4000}}}"));
        assertTrue(matches("{\"range\": {\"process.pid\": {\"gte\": 4688, \"lte\": 4688}}}"));
        assertFalse(matches("{\"range\": {\"process.pid\": {\"lt\": 4688}}}"));
        assertTrue(matches("{\"range\": {\"event.code\": {\"gte\": 1000}}}"), "a keyword that spells a number");
        assertFalse(matches("{\"range\": {\"user.name\": {\"gte\": 1000}}}"), "text is no number");
        assertTrue(matches("{\"range\": {\"event.severity\": {\"gt\": 7.25, \"lt\": \"8\"}}}"));
    }

    @Test
    void existsNeedsAValueThatIsNotNull() {
        assertTrue(matches("{\"exists\": {\"field\": \"process.pid\"}}"));
        assertFalse(matches("{\"exists\": {\"field\": \"event.outcome\"}}"), "null");
        assertFalse(matches("{\"exists\": {\"field\": \"process.args\"}}"), "an empty array");
        assertFalse(matches("{\"exists\": {\"field\": \"process.parent\"}}"));
        assertTrue(matches("{\"exists\": {\"field\": \"winlog.event_data.Flat\"}}"));
        assertTrue(matches("{\"exists\": {\"field\": \"user\"}}"), "an object with a value under it");
    }

    @Test
    void prefixAndWildcardWithEscapes() {
        assertTrue(matches("{\"prefix\": {\"process.executable\": {\"value\": \"c:\\\\windows\\\\\", \"case_insensitive\": true}}}"));
        assertFalse(matches("{\"prefix\": {\"process.executable\": {\"value\": \"c:\\\\windows\\\\\"}}}"));
        assertTrue(matches("{\"wildcard\": {\"process.command_line\": {\"value\": \"*\\\\\\\\cmd.exe /c *\"}}}"));
        assertTrue(matches("{\"wildcard\": {\"process.command_line\": {\"value\": \"*CMD.EXE /C WHOAMI\", \"case_insensitive\": true}}}"));
        assertFalse(matches("{\"wildcard\": {\"process.command_line\": {\"value\": \"*CMD.EXE*\"}}}"));
        assertTrue(matches("{\"wildcard\": {\"user.domain\": {\"value\": \"C?R?\"}}}"));
        assertFalse(matches("{\"wildcard\": {\"user.domain\": {\"value\": \"C?R\"}}}"));
        assertTrue(matches("{\"wildcard\": {\"f\": {\"value\": \"a\\\\*b\"}}}", "{\"f\": \"a*b\"}"), "an escaped star is a star");
        assertFalse(matches("{\"wildcard\": {\"f\": {\"value\": \"a\\\\*b\"}}}", "{\"f\": \"axb\"}"));
        assertTrue(matches("{\"wildcard\": {\"f\": {\"value\": \"a\\\\?\"}}}", "{\"f\": \"a?\"}"));
        assertTrue(matches("{\"wildcard\": {\"f\": {\"value\": \"*a*a*a*a*a*b\"}}}", "{\"f\": \"" + "a".repeat(5000) + "b\"}"));
    }

    @Test
    void regexpMatchesTheWholeValueInLuceneSyntax() {
        assertTrue(matches("{\"regexp\": {\"user.domain\": {\"value\": \"C.R[A-Z]\"}}}"));
        assertFalse(matches("{\"regexp\": {\"user.domain\": {\"value\": \"C.R\"}}}"), "the whole value, no anchors");
        assertTrue(matches("{\"regexp\": {\"multiline\": {\"value\": \"first.*line\"}}}"), "dot matches a line end");
        assertTrue(matches("{\"regexp\": {\"multiline\": {\"value\": \"[^x]*\"}}}"));
        assertTrue(matches("{\"regexp\": {\"user.domain\": {\"value\": \"corp\", \"case_insensitive\": true}}}"));
        assertFalse(matches("{\"regexp\": {\"user.domain\": {\"value\": \"[a-z]orp\", \"case_insensitive\": true}}}"),
                "Lucene folds single characters, not the ranges of a class");
        assertTrue(matches("{\"regexp\": {\"user.domain\": {\"value\": \"[c]orp\", \"case_insensitive\": true}}}"));
        assertFalse(matches("{\"regexp\": {\"user.name\": {\"value\": \"ädmin\", \"case_insensitive\": true}}}"),
                "regexp folds ASCII only");
        assertTrue(matches("{\"regexp\": {\"f\": {\"value\": \"a\\\\.b\\\\d\\\\w\\\\s\\\\&\\\\~\\\\#\\\\@\\\\<\"}}}",
                "{\"f\": \"a.b1_ &~#@<\"}"), "Lucene's escapes and shorthand classes");
        assertTrue(matches("{\"regexp\": {\"f\": {\"value\": \"a(b|())c\"}}}", "{\"f\": \"ac\"}"), "() is empty");
        assertTrue(matches("{\"regexp\": {\"f\": {\"value\": \"x\\\"[.]\\\"y\"}}}", "{\"f\": \"x[.]y\"}"), "quoted text");
        assertTrue(matches("{\"regexp\": {\"f\": {\"value\": \"a@\"}}}", "{\"f\": \"a\\nb\"}"), "@ is any text");
        assertFalse(matches("{\"regexp\": {\"f\": {\"value\": \"a#\"}}}", "{\"f\": \"a\"}"), "# is nothing");
        assertTrue(matches("{\"regexp\": {\"f\": {\"value\": \"[a&&b]+\"}}}", "{\"f\": \"a&b&\"}"),
                "&& in a class is two ampersands, no intersection");
        assertTrue(matches("{\"regexp\": {\"f\": {\"value\": \"a{2,3}[\\\\-x]\"}}}", "{\"f\": \"aaa-\"}"));
        assertTrue(matches("{\"regexp\": {\"f\": {\"value\": \"(.*\\n)?ab\"}}}", "{\"f\": \"x\\nab\"}"));
        assertTrue(matches("{\"regexp\": {\"f\": {\"value\": \"x([0-9]+,){2}\"}}}", "{\"f\": \"x12,3,\"}"),
                "a bounded repetition of a repetition");
    }

    @Test
    void networksFindTheAddressesInThem() {
        assertTrue(matches("{\"term\": {\"source.ip\": {\"value\": \"10.0.0.0/8\"}}}"));
        assertFalse(matches("{\"term\": {\"source.ip\": {\"value\": \"10.1.3.0/24\"}}}"));
        assertTrue(matches("{\"term\": {\"source.ip\": {\"value\": \"10.1.2.3\"}}}"));
        assertTrue(matches("{\"term\": {\"ip\": {\"value\": \"fe80::/10\"}}}", "{\"ip\": \"fe80::1\"}"));
        assertFalse(matches("{\"term\": {\"ip\": {\"value\": \"fe80::/10\"}}}", "{\"ip\": \"10.0.0.1\"}"));
    }

    @Test
    void boolCombinesAsElasticsearchDoes() {
        String yes = "{\"term\": {\"user.domain\": {\"value\": \"CORP\"}}}";
        String no = "{\"term\": {\"user.domain\": {\"value\": \"OTHER\"}}}";
        assertTrue(matches("{\"bool\": {\"filter\": [" + yes + "], \"must\": [" + yes + "]}}"));
        assertFalse(matches("{\"bool\": {\"filter\": [" + yes + ", " + no + "]}}"));
        assertTrue(matches("{\"bool\": {\"should\": [" + no + ", " + yes + "]}}"), "only should: one must match");
        assertFalse(matches("{\"bool\": {\"should\": [" + no + "]}}"));
        assertTrue(matches("{\"bool\": {\"filter\": [" + yes + "], \"should\": [" + no + "]}}"), "should is optional beside filter");
        assertFalse(matches("{\"bool\": {\"should\": [" + no + ", " + yes + "], \"minimum_should_match\": 2}}"));
        assertTrue(matches("{\"bool\": {\"should\": [" + yes + ", " + yes + ", " + no + "], \"minimum_should_match\": \"-1\"}}"));
        assertFalse(matches("{\"bool\": {\"must_not\": [" + yes + "]}}"));
        assertTrue(matches("{\"bool\": {\"must_not\": {\"match_none\": {}}}}"));
        assertTrue(matches("{\"match_all\": {}}"));
        assertFalse(matches("{\"match_none\": {}}"));
        assertTrue(matches("{\"bool\": {}}"));
    }

    @Test
    void whatJavaCannotMatchLikeTheClusterIsRefusedWhenBuilt() {
        assertEquals("the query kind \"match_phrase\" is not matched in Java (only bool, term, terms, prefix, wildcard,"
                + " regexp, range, exists, match_all, match_none)", refusal("{\"match_phrase\": {\"f\": \"x\"}}"));
        assertTrue(refusal("{\"regexp\": {\"f\": {\"value\": \"a&b\"}}}").contains("the intersection '&'"));
        assertTrue(refusal("{\"regexp\": {\"f\": {\"value\": \"~a\"}}}").contains("the complement '~'"));
        assertTrue(refusal("{\"regexp\": {\"f\": {\"value\": \"<1-20>\"}}}").contains("numeric interval"));
        assertTrue(refusal("{\"regexp\": {\"f\": {\"value\": \"(a+)+b\"}}}").contains("a repetition of a repetition, unbounded"));
        assertTrue(refusal("{\"regexp\": {\"f\": {\"value\": \"(a{1,3}){2,}\"}}}").contains("a repetition of a repetition, unbounded"));
        assertTrue(refusal("{\"regexp\": {\"f\": {\"value\": \"(a?b*){10}\"}}}").contains("a repetition of a repetition, unbounded"));
        assertTrue(refusal("{\"regexp\": {\"f\": {\"value\": \"a\", \"flags\": \"NONE\"}}}").contains("\"flags\""));
        assertTrue(refusal("{\"bool\": {\"filter\": [], \"adjust_pure_negative\": true}}").contains("adjust_pure_negative"));
        assertTrue(refusal("{\"term\": {\"f\": {}}}").contains("has no value"));
        String deep = "{\"bool\": {\"must_not\": ".repeat(300) + "{\"match_all\": {}}" + "}}".repeat(300);
        assertTrue(refusal(deep).contains("deeper than 200"));
    }

    @Test
    void aBacktrackingRegexpIsStoppedAndSaysSo() {
        String document = "{\"f\": \"" + "a".repeat(8000) + "\"}";
        UndecidedMatchException undecided = assertThrows(UndecidedMatchException.class, () ->
                assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                        matches("{\"regexp\": {\"f\": {\"value\": \".*a.*a.*a.*a.*b\"}}}", document)));
        assertTrue(undecided.getMessage().contains("on a value of 8000 characters"), undecided.getMessage());
        assertFalse(matches("{\"regexp\": {\"f\": {\"value\": \".*b.*\"}}}", document), "a plain pattern decides");
        String alternating = "{\"f\": \"" + "ab".repeat(50_000) + "\"}";
        assertThrows(UndecidedMatchException.class, () -> matches("{\"regexp\": {\"f\": {\"value\": \"(a|b)*\"}}}",
                alternating), "Java's stack runs out on a group with alternatives repeated 100,000 times");
    }

    private static String refusal(String query) {
        return assertThrows(IllegalArgumentException.class, () -> QueryMatcher.of(JSON.readTree(query))).getMessage();
    }
}
