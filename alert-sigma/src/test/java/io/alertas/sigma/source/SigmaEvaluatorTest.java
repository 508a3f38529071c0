package io.alertas.sigma.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.sigma.rule.LogSource;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
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

    private static final AlertContext CONTEXT = AlertContext.of("sigma.proc", Window.of(NOW.minusSeconds(60), NOW), NOW,
            JSON.createObjectNode());

    private static Evaluation evaluate(SigmaEvaluator evaluator, String response) throws Exception {
        return evaluator.evaluate(JSON.readTree(response), CONTEXT);
    }

    /** A rule of the Security channel with {@code detection}. */
    private static SigmaEvaluator security(JsonNode detection) throws Exception {
        List<JsonNode> filters = List.of(JSON.readTree("{\"term\": {\"winlog.channel\": \"Security\"}}"));
        return new SigmaEvaluator(rule("Security rule"), new WindowEvents(filters, detection, hit -> true),
                SigmaEvaluator.DEFAULT_KEY, List.of());
    }

    /** Every event of the log source is the rule's, but what {@code hitCheck} refuses. */
    private static WindowEvents all(Predicate<JsonNode> hitCheck) throws Exception {
        return new WindowEvents(List.of(), JSON.readTree("{\"match_all\": {}}"), hitCheck);
    }

    @Test
    void theMessageCarriesTheRuleAndItsAuthorAndEachHostAFindingWithUserProcessAndCommandLine() throws Exception {
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Suspicious PowerShell"), all(hit -> true),
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
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Fieldref"), all(hit -> hit.path("a").equals(hit.path("b"))),
                List.of("host.name"), List.of());

        assertFalse(evaluate(evaluator, "{\"hits\": {\"hits\": [{\"_source\": {\"a\": 1, \"b\": 2}}]}}").fired());
        assertEquals(1, evaluate(evaluator, "{\"hits\": {\"hits\": [{\"_source\": {\"a\": 1, \"b\": 1,"
                + " \"host\": {\"name\": \"h\"}}}]}}").findings().size());
    }

    @Test
    void withoutHostUserOrProcessTheEventsOwnKeyFieldsAreShownAndAnEventLackingTheGroupFieldsIsItsOwnKey() throws Exception {
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Registry"), all(hit -> true), List.of("user.name"),
                List.of("registry.path", "registry.value"));

        Evaluation evaluation = evaluate(evaluator, """
                {"hits": {"total": {"value": 1}, "hits": [{"_id": "x", "_source": {"registry": {"path": "HKLM\\\\Run",
                 "value": "evil"}}}]}}
                """);

        assertEquals(List.of(Finding.of("event x", "1 event; registry.path HKLM\\Run;"
                + " registry.value evil")), evaluation.findings());
    }

    @Test
    void controlAndBidiCharactersOfRuleTextAndEventsCannotRewriteALine() throws Exception {
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Evil\u202Etxt.exe\nFake line"), all(hit -> true),
                SigmaEvaluator.DEFAULT_KEY, List.of());

        Evaluation evaluation = evaluate(evaluator, "{\"hits\": {\"hits\": [{\"_source\": {\"host\": {\"name\":"
                + " \"WS\\u2066\\r\\n01\"}, \"user\": {\"name\": \"a\"}}}]}}");

        assertEquals("Evil<U+202E>txt.exe Fake line", evaluation.message().lines().findFirst().orElseThrow());
        assertEquals("WS<U+2066>  01", evaluation.findings().get(0).key());
    }

    @Test
    void theSearchIsTheLogSourcesWindowAlikeForEachOfItsRulesAndTheRuleMatchesItsHitsInJava() throws Exception {
        List<JsonNode> filters = List.of(JSON.readTree("{\"term\": {\"winlog.channel\": \"Security\"}}"));
        SigmaEvaluator braces = new SigmaEvaluator(rule("Braces"), new WindowEvents(filters, JSON.readTree(
                "{\"wildcard\": {\"process.command_line\": {\"value\": \"*{{{0}}*\"}}}"), hit -> true),
                SigmaEvaluator.DEFAULT_KEY, List.of());
        SigmaEvaluator whoami = new SigmaEvaluator(rule("Whoami"), new WindowEvents(filters, JSON.readTree(
                "{\"term\": {\"process.name\": {\"value\": \"WHOAMI.EXE\", \"case_insensitive\": true}}}"),
                hit -> true), SigmaEvaluator.DEFAULT_KEY, List.of());

        JsonNode query = braces.query(CONTEXT);

        assertEquals(JSON.readTree("""
                {"query": {"bool": {"filter": [
                  {"range": {"@timestamp": {"gte": "2026-12-07T09:59:00Z", "lt": "2026-12-07T10:00:00Z"}}},
                  {"term": {"winlog.channel": "Security"}}]}},
                 "size": 10000, "track_total_hits": true, "sort": [{"@timestamp": "asc"}]}
                """), query);
        assertEquals(query.toString(), whoami.query(CONTEXT).toString(), "one search for both rules of the log source");
        String hits = """
                {"hits": {"total": {"value": 2, "relation": "eq"}, "hits": [
                  {"_id": "1", "_source": {"host": {"name": "WS01"}, "process": {"name": "whoami.exe"}}},
                  {"_id": "2", "_source": {"host": {"name": "WS02"}, "process": {"command_line": "echo {{{0}} x"}}}]}}
                """;
        assertEquals(List.of("WS02"), evaluate(braces, hits).findings().stream().map(Finding::key).toList());
        assertEquals(List.of("WS01"), evaluate(whoami, hits).findings().stream().map(Finding::key).toList());
    }

    @Test
    void aWindowWithMoreEventsThanOneSearchReturnsSendsTheRulesOwnQueryAndSaysWhenThatIsCutToo() throws Exception {
        JsonNode detection = JSON.readTree("{\"term\": {\"process.name\": {\"value\": \"whoami.exe\"}}}");
        SigmaEvaluator evaluator = security(detection);
        List<JsonNode> sent = new ArrayList<>();
        AlertContext context = CONTEXT.withSearch(body -> {
            sent.add(body);
            try {
                return JSON.readTree("""
                        {"hits": {"total": {"value": 12000, "relation": "eq"}, "hits": [
                          {"_id": "1", "_source": {"host": {"name": "WS01"}, "process": {"name": "whoami.exe"}}}]}}
                        """);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Evaluation evaluation = evaluator.evaluate(JSON.readTree("""
                {"hits": {"total": {"value": 10000, "relation": "gte"}, "hits": [
                  {"_id": "0", "_source": {"host": {"name": "WS09"}, "process": {"name": "cmd.exe"}}}]}}
                """), context);

        assertEquals(1, sent.size());
        assertEquals(JSON.readTree("""
                {"query": {"bool": {"filter": [
                  {"range": {"@timestamp": {"gte": "2026-12-07T09:59:00Z", "lt": "2026-12-07T10:00:00Z"}}},
                  {"term": {"winlog.channel": "Security"}},
                  {"term": {"process.name": {"value": "whoami.exe"}}}]}},
                 "size": 10000, "track_total_hits": true, "sort": [{"@timestamp": "asc"}]}
                """), sent.get(0));
        assertEquals(List.of("WS01"), evaluation.findings().stream().map(Finding::key).toList());
        assertTrue(evaluation.message().contains("\n12000 events matched; the first 10000 are read\n"),
                evaluation.message());
    }

    @Test
    void aQueryTheJavaMatcherRefusesIsTheRulesOwnSearch() throws Exception {
        JsonNode detection = JSON.readTree("{\"regexp\": {\"process.name\": {\"value\": \"(a+)+\"}}}");
        SigmaEvaluator evaluator = security(detection);

        JsonNode filter = evaluator.query(CONTEXT).path("query").path("bool").path("filter");

        assertEquals(detection, filter.get(2));
        assertEquals(1, evaluate(evaluator, """
                {"hits": {"total": {"value": 1}, "hits": [{"_source": {"host": {"name": "h"}}}]}}
                """).findings().size(), "the cluster's hits are the rule's");
    }

    @Test
    void aRegexpJavaCannotDecideOnAHitSendsTheRulesOwnQuery() throws Exception {
        JsonNode detection = JSON.readTree("{\"regexp\": {\"f\": {\"value\": \".*a.*a.*a.*a.*b\"}}}");
        SigmaEvaluator evaluator = new SigmaEvaluator(rule("Slow"), new WindowEvents(List.of(), detection, hit -> true),
                SigmaEvaluator.DEFAULT_KEY, List.of());
        List<JsonNode> sent = new ArrayList<>();
        AlertContext context = CONTEXT.withSearch(body -> {
            sent.add(body);
            return JSON.createObjectNode();
        });

        Evaluation evaluation = evaluator.evaluate(JSON.readTree("{\"hits\": {\"total\": {\"value\": 1}, \"hits\": "
                + "[{\"_source\": {\"f\": \"" + "a".repeat(8000) + "\"}}]}}"), context);

        assertFalse(evaluation.fired());
        assertEquals(detection, sent.get(0).path("query").path("bool").path("filter").get(1));
    }
}
