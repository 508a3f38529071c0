package io.alertas.sigma.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.sigma.rule.LogSource;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigmaEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    static SigmaRule rule(String title) {
        return new SigmaRule("rules/proc.yml", "0f0ad0a1-1111-2222-3333-444455556666", "", title, "test", "high",
                "Finds it", "Jane Analyst", "2026-01-01", List.of("attack.execution", "attack.t1059.001", "cve.2021-1"),
                List.of("https://example.com/ref"), List.of("Admin scripts"),
                new LogSource("windows", "process_creation", null), null, null);
    }

    private static Evaluation evaluate(SigmaEvaluator evaluator, String response) throws Exception {
        return evaluator.evaluate(JSON.readTree(response), AlertContext.of("sigma.proc",
                Window.of(NOW.minusSeconds(60), NOW), NOW, JSON.createObjectNode()));
    }

    @Test
    void theMessageCarriesTheRuleAndItsAuthorAndEachHostAFindingWithUserProcessAndCommandLine() throws Exception {
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Suspicious PowerShell"), List.of(), hit -> true,
                SigmaEvaluator.DEFAULT_KEY, List.of("process.command_line"));

        Evaluation evaluation = evaluate(evaluator, """
                {"hits": {"total": {"value": 3}, "hits": [
                  {"_id": "a", "_source": {"host": {"name": "WS01"}, "user": {"name": "alice"},
                   "process": {"executable": "C:\\\\Windows\\\\powershell.exe", "command_line": "powershell -enc AAA"}}},
                  {"_id": "b", "_source": {"host.name": "WS01", "user.name": "alice"}},
                  {"_id": "c", "_source": {"winlog": {"computer_name": "DC01"}, "user": {"name": "bob"}}}]}}
                """);

        assertEquals("""
                Suspicious PowerShell
                Sigma rule 0f0ad0a1-1111-2222-3333-444455556666, level high, by Jane Analyst
                ATT&CK: attack.execution, attack.t1059.001
                References: https://example.com/ref
                False positives: Admin scripts
                Matched on""", evaluation.message());
        assertEquals(List.of(
                Finding.of("WS01", "2 events; host WS01; user alice; process C:\\Windows\\powershell.exe;"
                        + " command line powershell -enc AAA"),
                Finding.of("DC01", "1 event; host DC01; user bob")), evaluation.findings());
    }

    @Test
    void hitsTheCheckRefusesAreDroppedAndNoneLeftIsQuiet() throws Exception {
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Fieldref"), List.of(), hit -> hit.path("a").equals(hit.path("b")),
                List.of("host.name"), List.of());

        assertFalse(evaluate(evaluator, "{\"hits\": {\"hits\": [{\"_source\": {\"a\": 1, \"b\": 2}}]}}").fired());
        assertEquals(1, evaluate(evaluator, "{\"hits\": {\"hits\": [{\"_source\": {\"a\": 1, \"b\": 1,"
                + " \"host\": {\"name\": \"h\"}}}]}}").findings().size());
    }

    @Test
    void withoutHostUserOrProcessTheEventsOwnKeyFieldsAreShownAndAnEventLackingTheGroupFieldsIsItsOwnKey() throws Exception {
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Registry"), List.of(), hit -> true, List.of("user.name"),
                List.of("registry.path", "registry.value"));

        Evaluation evaluation = evaluate(evaluator, """
                {"hits": {"total": {"value": 120}, "hits": [{"_id": "x", "_source": {"registry": {"path": "HKLM\\\\Run",
                 "value": "evil"}}}]}}
                """);

        assertEquals(List.of(Finding.of("event x", "1 event; registry.path HKLM\\Run;"
                + " registry.value evil")), evaluation.findings());
        assertEquals(true, evaluation.message().contains("\n120 events matched; the first 1 are read\n"),
                evaluation.message());
    }

    @Test
    void controlAndBidiCharactersOfRuleTextAndEventsCannotRewriteALine() throws Exception {
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Evil\u202Etxt.exe\nFake line"), List.of(), hit -> true,
                SigmaEvaluator.DEFAULT_KEY, List.of());

        Evaluation evaluation = evaluate(evaluator, "{\"hits\": {\"hits\": [{\"_source\": {\"host\": {\"name\":"
                + " \"WS\\u2066\\r\\n01\"}, \"user\": {\"name\": \"a\"}}}]}}");

        assertEquals("Evil<U+202E>txt.exe Fake line", evaluation.message().lines().findFirst().orElseThrow());
        assertEquals("WS<U+2066>  01", evaluation.findings().get(0).key());
    }

    @Test
    void theSearchIsThePassWindowThenTheClausesAsWrittenBracesIncluded() throws Exception {
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Braces"), List.of(
                JSON.readTree("{\"term\": {\"winlog.channel\": \"Security\"}}"),
                JSON.readTree("{\"wildcard\": {\"process.command_line\": {\"value\": \"*{{{0}}*\"}}}")),
                hit -> true, SigmaEvaluator.DEFAULT_KEY, List.of());

        JsonNode query = evaluator.query(AlertContext.of("sigma.braces", Window.of(NOW.minusSeconds(60), NOW), NOW,
                JSON.createObjectNode()));

        assertEquals(JSON.readTree("""
                {"query": {"bool": {"filter": [
                  {"range": {"@timestamp": {"gte": "2026-12-07T09:59:00Z", "lt": "2026-12-07T10:00:00Z"}}},
                  {"term": {"winlog.channel": "Security"}},
                  {"wildcard": {"process.command_line": {"value": "*{{{0}}*"}}}]}},
                 "size": 50, "sort": [{"@timestamp": "asc"}]}
                """), query);
    }
}
