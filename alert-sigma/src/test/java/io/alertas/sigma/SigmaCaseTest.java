package io.alertas.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.sigma.mapping.LogSourceTarget;
import io.alertas.sigma.mapping.Mappings;
import io.alertas.sigma.query.SigmaQuery;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.sigma.rule.SigmaRules;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sigma matches case-insensitively and keyword fields do not: on a real cluster (each supported one in the compat
 * suite), a rule converted with the ecs_windows mapping finds Sysmon process creations, shaped as Winlogbeat 8
 * indexes them, whatever the case of their values, and a {@code |cased} value finds only its own case.
 */
@ExtendWith(ElasticsearchExtension.class)
class SigmaCaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "winlogbeat-sigma-case";
    /** Where Winlogbeat 8 keeps what the rules name: the default mapping, its filters (Sysmon event 1) and fields. */
    private static final Mappings ECS_WINDOWS = Mappings.named("ecs_windows");

    /** The events by record id: what each rule must find is named by these ids. */
    private static final String[][] EVENTS = {
        {"1", "C:\\WINDOWS\\System32\\SVCHOST.EXE", "C:\\WINDOWS\\system32\\svchost.exe -k netsvcs -p -s Schedule"},
        {"2", "C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\system32\\svchost.exe -k LocalService"},
        {"3", "C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE"},
        {"4", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\POWERSHELL.EXE",
            "POWERSHELL.EXE -NoP -W Hidden -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA"},
        {"5", "C:\\WINDOWS\\TEMP\\Update.exe", "\"C:\\WINDOWS\\TEMP\\Update.exe\" /silent"},
        {"6", "C:\\Users\\Public\\svchost.exe.bak", "svchost.exe.bak"},
    };

    @BeforeAll
    static void index(ElasticsearchNode node) throws Exception {
        node.createIndex(INDEX, JSON.readTree("""
                {"dynamic_templates": [{"strings": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}}],
                 "properties": {"@timestamp": {"type": "date"}}}"""));
        List<ObjectNode> events = new ArrayList<>();
        for (String[] event : EVENTS) {
            events.add(processCreation(event[0], event[1], event[2]));
        }
        node.index(INDEX, events);
    }

    /** A Sysmon event 1 as Winlogbeat 8 indexes it: ECS fields, the rest in winlog.event_data. */
    private static ObjectNode processCreation(String record, String image, String commandLine) {
        ObjectNode event = JSON.createObjectNode().put("@timestamp", "2026-12-07T10:00:00.000Z")
                .put("message", "Process Create:\nRuleName: -\nImage: " + image + "\nCommandLine: " + commandLine);
        event.putObject("event").put("code", "1").put("kind", "event").put("module", "sysmon").put("provider",
                "Microsoft-Windows-Sysmon").put("action", "Process Create (rule: ProcessCreate)").putArray("category").add("process");
        ObjectNode winlog = event.putObject("winlog").put("channel", "Microsoft-Windows-Sysmon/Operational")
                .put("event_id", "1").put("provider_name", "Microsoft-Windows-Sysmon").put("record_id", record)
                .put("computer_name", "WS-0042.corp.example.com");
        winlog.putObject("event_data").put("Company", "Microsoft Corporation").put("IntegrityLevel", "System");
        event.putObject("process").put("executable", image).put("command_line", commandLine)
                .put("name", image.substring(image.lastIndexOf('\\') + 1)).put("pid", 4000 + Integer.parseInt(record))
                .putObject("parent").put("executable", "C:\\Windows\\System32\\services.exe").put("name", "services.exe");
        event.putObject("user").put("name", "SYSTEM").put("domain", "NT AUTHORITY");
        event.putObject("host").put("name", "ws-0042");
        return event;
    }

    @Test
    void endswithMatchesTheValueInAnyCase(ElasticsearchNode node) throws Exception {
        assertEquals(Set.of("1", "2"), matches(node, "Image|endswith: '\\svchost.exe'"),
                "the upper-case SVCHOST.EXE of a real System32 is svchost.exe to Sigma; svchost.exe.bak is not");
    }

    @Test
    void aCasedValueMatchesOnlyItsOwnCase(ElasticsearchNode node) throws Exception {
        assertEquals(Set.of("2"), matches(node, "Image|endswith|cased: '\\svchost.exe'"));
        assertEquals(Set.of("1"), matches(node, "Image|endswith|cased: '\\SVCHOST.EXE'"));
    }

    @Test
    void aPlainValueMatchesTheWholeValueInAnyCase(ElasticsearchNode node) throws Exception {
        assertEquals(Set.of("1", "2"), matches(node, "Image: 'c:\\windows\\system32\\svchost.exe'"));
        assertEquals(Set.of("3"), matches(node, "CommandLine: 'c:\\windows\\explorer.exe'"));
    }

    @Test
    void containsAndStartswithMatchInAnyCase(ElasticsearchNode node) throws Exception {
        assertEquals(Set.of("4"), matches(node, "CommandLine|contains: ' -encodedcommand '"));
        assertEquals(Set.of("5"), matches(node, "Image|startswith: 'c:\\windows\\temp\\'"));
        assertEquals(Set.of("1", "2"), matches(node, "CommandLine|contains|all: ['svchost.exe', ' -k ']"));
    }

    @Test
    void aCaseInsensitiveRegexMatchesInAnyCase(ElasticsearchNode node) throws Exception {
        assertEquals(Set.of("4"), matches(node, "Image|re|i: '.*\\\\(powershell|pwsh)\\.exe'"));
        assertEquals(Set.of(), matches(node, "Image|re: '.*\\\\(powershell|pwsh)\\.exe'"),
                "without the i flag a regex is case-sensitive, and POWERSHELL.EXE is upper-case");
    }

    @Test
    void aKeywordMatchesTheMessageInAnyCase(ElasticsearchNode node) throws Exception {
        assertEquals(Set.of("4"), detect(node, """
                keywords:
                  - '-encodedcommand'
                condition: keywords"""));
    }

    @Test
    void aValueWithoutLettersMatchesAsWritten(ElasticsearchNode node) throws Exception {
        assertEquals(Set.of("1", "2", "3", "4", "5", "6"), matches(node, "Image|contains: ':\\'"));
        assertEquals(Set.of(), matches(node, "CommandLine|contains: '--'"));
    }

    /** The record ids of the events that a rule with this one selection finds. */
    private static Set<String> matches(ElasticsearchNode node, String selection) throws Exception {
        return detect(node, "selection:\n  " + selection + "\ncondition: selection");
    }

    /** The record ids of the events that the rule of this detection finds, its hit check applied. */
    private static Set<String> detect(ElasticsearchNode node, String detection) throws Exception {
        String yaml = """
                title: Case test
                id: 5f2c7d3e-1a0b-4c6d-9e8f-0a1b2c3d4e5f
                status: test
                logsource:
                  product: windows
                  category: process_creation
                detection:
                """ + detection.indent(2) + "level: high\n";
        SigmaRule rule = SigmaRules.read("case.yml", yaml).get(0);
        LogSourceTarget target = ECS_WINDOWS.target(rule.logSource()).orElseThrow();
        SigmaQuery.Conversion conversion = SigmaQuery.convert(rule, target.fields(), Map.of());
        ObjectNode search = JSON.createObjectNode().put("size", 100);
        ArrayNode filter = search.putObject("query").putObject("bool").putArray("filter");
        target.filters().forEach(filter::add);
        filter.add(conversion.query());
        JsonNode answer = node.request("POST", "/" + INDEX + "/_search", search);
        Set<String> found = new TreeSet<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            if (conversion.hitCheck().test(hit.path("_source"))) {
                found.add(hit.path("_source").path("winlog").path("record_id").asText());
            }
        }
        return found;
    }
}
