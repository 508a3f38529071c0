package io.alertas.sigma.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.mapping.FieldMap;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.sigma.rule.SigmaRules;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Converted detections run on a real Elasticsearch against five small events; each test names exactly the events
 * its rule must find.
 */
@ExtendWith(ElasticsearchExtension.class)
class SigmaQueryElasticsearchTest {

    private static final String INDEX = "sigma-lang-events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENCODED = Base64.getEncoder().encodeToString(
            "IEX (New-Object Net.WebClient)".getBytes(StandardCharsets.UTF_16LE));
    private static ElasticsearchNode node;

    @BeforeAll
    static void events(ElasticsearchNode shared) throws Exception {
        node = shared;
        node.createIndex(INDEX, JSON.readTree("""
                {"properties": {"doc": {"type": "keyword"}, "Image": {"type": "keyword"},
                 "ParentImage": {"type": "keyword"}, "CommandLine": {"type": "keyword"}, "User": {"type": "keyword"},
                 "ParentUser": {"type": "keyword"}, "Description": {"type": "keyword"}, "message": {"type": "keyword"},
                 "SourceIp": {"type": "ip"}, "EventID": {"type": "long"}}}"""));
        node.index(INDEX, List.of(
                event("d1", "Image", "C:\\WINDOWS\\System32\\SVCHOST.EXE", "ParentImage", "C:\\Windows\\System32\\services.exe",
                        "CommandLine", "svchost.exe -k netsvcs", "User", "NT AUTHORITY\\SYSTEM", "ParentUser",
                        "nt authority\\system", "SourceIp", "10.1.2.3", "EventID", 4688, "message", "Process created svchost"),
                event("d2", "Image", "C:\\Users\\bob\\AppData\\evil.exe", "ParentImage", "C:\\Windows\\explorer.exe",
                        "CommandLine", "powershell.exe -enc " + ENCODED, "User", "bob", "ParentUser", "alice",
                        "SourceIp", "192.168.7.9", "EventID", 1, "message", "Encoded command"),
                event("d3", "Image", "C:\\Tools\\PsExec.exe", "ParentImage", "C:\\Windows\\explorer.exe",
                        "CommandLine", "psexec.exe /accepteula \\\\host cmd", "User", "carol", "ParentUser", "carol",
                        "SourceIp", "2001:db8::5", "EventID", 4624, "Description", "", "message", "Remote exec"),
                event("d4", "Image", "C:\\Windows\\System32\\cmd.exe", "ParentImage", "C:\\Windows\\System32\\cmd.exe",
                        "CommandLine", "cmd.exe /c echo a*b?c", "SourceIp", "10.200.0.1", "EventID", 5000,
                        "message", "Wildcard * literal"),
                event("d5", "Image", "c:\\windows\\system32\\svchost.exe", "ParentImage", "C:\\Windows\\System32\\services.exe",
                        "CommandLine", "svchost.exe -k LocalService", "User", null, "SourceIp", "172.16.0.1",
                        "EventID", 4688, "message", "Process created svchost")));
    }

    private static ObjectNode event(Object... pairs) {
        ObjectNode event = JSON.createObjectNode();
        event.put("doc", (String) pairs[0]);
        for (int i = 1; i < pairs.length; i += 2) {
            event.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        }
        return event;
    }

    @Test
    void endswithMatchesRegardlessOfCaseButCasedDoesNot() throws Exception {
        assertEquals(Set.of("d1", "d5"), matches("sel:\n  Image|endswith: '\\svchost.exe'\ncondition: sel"));
        assertEquals(Set.of("d5"), matches("sel:\n  Image|endswith|cased: '\\svchost.exe'\ncondition: sel"));
        assertEquals(Set.of("d1", "d5"), matches("sel:\n  Image: 'C:\\Windows\\System32\\svchost.exe'\ncondition: sel"));
    }

    @Test
    void startswithContainsAndPlainWildcards() throws Exception {
        assertEquals(Set.of("d1", "d4", "d5"), matches("sel:\n  Image|startswith: 'c:\\windows\\system32\\'\ncondition: sel"));
        assertEquals(Set.of("d1", "d5"), matches("sel:\n  CommandLine|contains: ' -K '\ncondition: sel"));
        assertEquals(Set.of("d1", "d5"), matches("sel:\n  Image: '*\\sv?host.*'\ncondition: sel"));
        assertEquals(Set.of("d4"), matches("sel:\n  CommandLine|contains: 'a\\*b\\?c'\ncondition: sel"),
                "escaped wildcards are the characters themselves");
        assertEquals(Set.of(), matches("sel:\n  CommandLine|contains: 'aXb\\?c'\ncondition: sel"));
    }

    @Test
    void listsAreAnyAndAllMakesThemAll() throws Exception {
        assertEquals(Set.of("d2", "d3"), matches("sel:\n  User: [BOB, carol]\ncondition: sel"));
        assertEquals(Set.of("d1"), matches("sel:\n  CommandLine|contains|all: [svchost, netsvcs]\ncondition: sel"));
        assertEquals(Set.of("d1", "d2", "d3"), matches("sel:\n  - User: bob\n  - EventID: 4624\n  - ParentUser: 'NT AUTHORITY\\SYSTEM'\ncondition: sel"));
    }

    @Test
    void nullEmptyNumbersAndExists() throws Exception {
        assertEquals(Set.of("d4", "d5"), matches("sel:\n  User: null\ncondition: sel"));
        assertEquals(Set.of("d3"), matches("sel:\n  Description: ''\ncondition: sel"));
        assertEquals(Set.of("d1", "d5"), matches("sel:\n  EventID: 4688\ncondition: sel"));
        assertEquals(Set.of("d1", "d2", "d3"), matches("sel:\n  User|exists: true\ncondition: sel"));
        assertEquals(Set.of("d4", "d5"), matches("sel:\n  User|exists: false\ncondition: sel"));
        assertEquals(Set.of("d4"), matches("sel:\n  EventID|gt: 4688\ncondition: sel"));
        assertEquals(Set.of("d1", "d3", "d4", "d5"), matches("sel:\n  EventID|gte: 4624\ncondition: sel"));
        assertEquals(Set.of("d2"), matches("sel:\n  EventID|lt: 4624\ncondition: sel"));
        assertEquals(Set.of("d2", "d3"), matches("sel:\n  EventID|lte: 4624\ncondition: sel"));
    }

    @Test
    void keywordsSearchTheMessage() throws Exception {
        assertEquals(Set.of("d1", "d5"), matches("keywords:\n  - 'CREATED SVC'\ncondition: keywords"));
        assertEquals(Set.of("d2", "d3"), matches("keywords:\n  - encoded\n  - remote\ncondition: keywords"));
    }

    @Test
    void conditionsCombine() throws Exception {
        String searches = "svchost:\n  Image|endswith: '\\svchost.exe'\nsystem:\n  User: 'nt authority\\system'\n"
                + "cmd:\n  Image|endswith: '\\cmd.exe'\n";
        assertEquals(Set.of("d5"), matches(searches + "condition: svchost and not system"));
        assertEquals(Set.of("d1", "d4"), matches(searches + "condition: system or cmd"));
        assertEquals(Set.of("d1", "d4", "d5"), matches(searches + "condition: 1 of them"));
        assertEquals(Set.of("d1"), matches(searches + "condition: all of s*"));
        assertEquals(Set.of("d1"), matches(searches + "condition: 2 of them"));
        assertEquals(Set.of("d2", "d3"), matches(searches + "condition: not (svchost or cmd)"));
        assertEquals(Set.of("d1", "d4"), matches(searches + "condition:\n  - svchost and system\n  - cmd"));
    }

    @Test
    void regularExpressions() throws Exception {
        assertEquals(Set.of("d5"), matches("sel:\n  CommandLine|re: '-k [A-Z]\\w+'\ncondition: sel"),
                "a regular expression minds case, as Sigma says, unless |i or (?i)");
        assertEquals(Set.of("d1"), matches("sel:\n  CommandLine|re: '-k [a-z]+$'\ncondition: sel"));
        assertEquals(Set.of("d1", "d5"), matches("sel:\n  Image|re|i: '^c:\\\\windows\\\\.*svchost\\.exe$'\ncondition: sel"));
        assertEquals(Set.of("d5"), matches("sel:\n  Image|re: '^c:\\\\windows\\\\.*svchost\\.exe$'\ncondition: sel"));
        assertEquals(Set.of("d1", "d5"), matches("sel:\n  Image|re: '(?i)SVCHOST\\.(?:exe|com)'\ncondition: sel"));
        assertEquals(Set.of("d3"), matches("sel:\n  SourceIp|cidr: '2001:db8::/32'\n  CommandLine|re: '\\\\\\\\\\w+ \\S+'\ncondition: sel"));
        assertEquals(Set.of("d4"), matches("sel:\n  CommandLine|re: '(e+c*h*o*)+ a'\ncondition: sel"),
                "a pattern that backtracks catastrophically in PCRE is an automaton in Lucene");
    }

    @Test
    void windashTriesEachDash() throws Exception {
        assertEquals(Set.of("d3"), matches("sel:\n  CommandLine|windash|contains: ' -accepteula '\ncondition: sel"));
        assertEquals(Set.of("d1", "d5"), matches("sel:\n  CommandLine|windash|contains: ' /k '\ncondition: sel"));
    }

    @Test
    void cidrOnAnIpField() throws Exception {
        assertEquals(Set.of("d1", "d4"), matches("sel:\n  SourceIp|cidr: 10.0.0.0/8\ncondition: sel"));
        assertEquals(Set.of("d2", "d5"), matches("sel:\n  SourceIp|cidr: [192.168.0.0/16, 172.16.0.0/12]\ncondition: sel"));
        assertEquals(Set.of("d3"), matches("sel:\n  SourceIp|cidr: '2001:db8::/32'\ncondition: sel"));
    }

    @Test
    void encodedCommandLines() throws Exception {
        assertEquals(Set.of("d2"), matches("sel:\n  CommandLine|wide|base64offset|contains: 'New-Object'\ncondition: sel"));
        assertEquals(Set.of("d2"), matches("sel:\n  CommandLine|utf16le|base64offset|contains: 'Net.WebClient'\ncondition: sel"));
        assertEquals(Set.of(), matches("sel:\n  CommandLine|wide|base64offset|contains: 'new-object'\ncondition: sel"),
                "base64 text is matched as encoded, in its case");
        assertEquals(Set.of("d2"), matches("sel:\n  CommandLine|wide|base64|contains: 'IEX'\ncondition: sel"),
                "six bytes encode without padding, so plain base64 finds them at the start of the encoded text");
        assertEquals(Set.of(), matches("sel:\n  CommandLine|wide|base64|contains: 'IEX (New'\ncondition: sel"),
                "plain base64 of sixteen bytes ends in padding, which the longer text does not hold");
    }

    @Test
    void fieldrefComparesTwoFieldsOfTheHit() throws Exception {
        assertEquals(Set.of("d1", "d3"), matches("sel:\n  User|fieldref: ParentUser\ncondition: sel"));
        assertEquals(Set.of("d3"), matches("sel:\n  User|fieldref|cased: ParentUser\ncondition: sel"));
        assertEquals(Set.of("d2", "d4", "d5"), matches("sel:\n  EventID|exists: true\nsame:\n  User|fieldref: ParentUser\n"
                + "condition: sel and not same"));
        assertEquals(Set.of("d4"), matches("sel:\n  Image|fieldref: ParentImage\ncondition: sel"));
    }

    @Test
    void expandAndSeveralTargets() throws Exception {
        assertEquals(Set.of("d2", "d3"), matches("sel:\n  User|expand: '%admins%'\ncondition: sel",
                List::of, Map.of("admins", List.of("bob", "CAROL"))));
        FieldMap process = field -> field.equals("AnyImage") ? List.of("Image", "ParentImage") : List.of(field);
        assertEquals(Set.of("d2", "d3"), matches("sel:\n  AnyImage|endswith: '\\explorer.exe'\ncondition: sel",
                process, Map.of()));
    }

    /**
     * Every regular expression of the SigmaHQ snapshot, as translated, is one the cluster takes: Lucene syntax
     * it parses and an automaton within its limits.
     */
    @Test
    void everySigmaHqRegularExpressionRunsOnTheCluster() throws Exception {
        Path sigma = SigmaCorpus.dir();
        assumeTrue(Files.isDirectory(sigma), () -> "no SigmaHQ snapshot at " + sigma + " (set alertas.sigma.dir)");
        Set<JsonNode> regexps = new LinkedHashSet<>();
        for (Path file : SigmaCorpus.ruleFiles(sigma)) {
            try {
                for (SigmaRule rule : SigmaRules.read(file.toString(), Files.readString(file))) {
                    if (!rule.isCorrelation()) {
                        collectRegexps(SigmaQuery.convert(rule, List::of, Map.of()).query(), regexps);
                    }
                }
            } catch (SigmaException e) {
                // the corpus test counts these
            }
        }
        assertTrue(regexps.size() > 100, "SigmaHQ has hundreds of regular expressions: " + regexps.size());
        List<String> failures = new ArrayList<>();
        for (JsonNode regexp : regexps) {
            ObjectNode search = JSON.createObjectNode().put("size", 0);
            search.putObject("query").putObject("regexp").set("CommandLine", regexp.path("regexp").elements().next());
            try {
                node.request("POST", "/" + INDEX + "/_search", search);
            } catch (IllegalStateException e) {
                failures.add(regexp + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + regexps.size() + " regular expressions fail");
    }

    private static void collectRegexps(JsonNode query, Set<JsonNode> regexps) {
        if (query.has("regexp")) {
            regexps.add(query);
        }
        query.elements().forEachRemaining(child -> collectRegexps(child, regexps));
    }

    private static Set<String> matches(String detection) throws Exception {
        return matches(detection, List::of, Map.of());
    }

    private static Set<String> matches(String detection, FieldMap fields, Map<String, List<String>> placeholders)
            throws Exception {
        SigmaRule rule = SigmaRules.read("test.yml", "title: Test\ndetection:\n  "
                + detection.replace("\n", "\n  ") + "\n").get(0);
        FieldMap mapped = field -> fields.targets(field).isEmpty() ? List.of(field) : fields.targets(field);
        SigmaQuery.Conversion conversion;
        try {
            conversion = SigmaQuery.convert(rule, mapped, placeholders);
        } catch (SigmaException e) {
            throw new AssertionError(e.reason() + ": " + e.getMessage(), e);
        }
        ObjectNode body = JSON.createObjectNode().put("size", 100);
        body.putObject("query").putObject("bool").putArray("filter").add(conversion.query());
        JsonNode answer = node.request("POST", "/" + INDEX + "/_search", body);
        Set<String> ids = new TreeSet<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            if (conversion.hitCheck().test(hit.path("_source"))) {
                ids.add(hit.path("_source").path("doc").asText());
            }
        }
        return ids;
    }
}
