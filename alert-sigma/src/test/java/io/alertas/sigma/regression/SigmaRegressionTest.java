package io.alertas.sigma.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.sigma.mapping.Mappings;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SigmaHQ's regression events, as Winlogbeat 8 / Elastic Agent would index them, in a real Elasticsearch with
 * every loadable Windows rule of the snapshot, run as the pass runs them: one search per log source fetches its
 * events and each rule matches them in Java. Each event fires its rule (90 % at least, the rest listed with why),
 * every other rule an event fires is listed, and no rule fires on the benign events but those whose
 * {@code |fieldref} compares a field the documents split in two (listed as the conversion's false positives).
 * Then each rule Java fired, and each event's own rule, sends its own query: the cluster must find exactly the
 * documents Java found. The rules' own queries are what costs the cluster (an automaton per query): the plan must
 * send one search per log source and only a few hundred rules' own queries, not the thousands of the corpus.
 */
@ExtendWith(ElasticsearchExtension.class)
class SigmaRegressionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "sigma-regression";

    @Test
    void eachRegressionEventFiresItsRuleInJavaAsOnTheClusterAndNoBenignEventFiresAny(ElasticsearchNode node) throws IOException {
        Path sigma = SigmaCorpus.dir().orElse(null);
        assumeTrue(sigma != null, "no SigmaHQ snapshot at ../shared/sigma (or -Dalertas.sigma.dir)");
        List<RegressionEvents.Case> cases = RegressionEvents.read(sigma);
        List<RegressionEvents.Case> benign = RegressionEvents.benign();
        index(node, cases, benign);

        SigmaCorpus.Result corpus = SigmaCorpus.load(sigma, Mappings.named("ecs_windows"));
        List<SigmaCorpus.Loaded> rules = corpus.loaded().stream().filter(SigmaCorpus.Loaded::windows).toList();
        LogSourcePass.Result pass = LogSourcePass.run(node, INDEX, rules);
        RuleSearch.Firings firings = pass.firings();

        Map<String, Set<Integer>> byDoc = new HashMap<>();
        firings.fired().forEach((rule, docs) -> docs.forEach(doc ->
                byDoc.computeIfAbsent(doc, d -> new TreeSet<>()).add(rule)));
        RegressionReport report = new RegressionReport(node, INDEX, rules, corpus.skipped(), firings, byDoc);
        List<RegressionReport.Outcome> outcomes = cases.stream().map(report::outcome).toList();
        List<RegressionReport.Outcome> benignOutcomes = benign.stream().map(report::outcome).toList();
        Agreement.Result agreement = Agreement.check(node, INDEX, rules, pass, cases);
        String text = report.markdown(outcomes, benignOutcomes, pass, agreement);
        Path out = Path.of("target", "sigma-coverage", "regression.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);

        long fired = outcomes.stream().filter(RegressionReport.Outcome::fired).count();
        assertTrue(fired >= Math.ceil(0.9 * cases.size()), fired + " of " + cases.size()
                + " regression events fire their rule; see " + out.toAbsolutePath());
        List<RegressionReport.Outcome> noisy = benignOutcomes.stream().filter(o -> !o.avoidable().isEmpty()).toList();
        assertTrue(noisy.isEmpty(), "rules fire on benign events: " + noisy.stream()
                .map(o -> o.name() + " " + o.avoidable()).toList());
        assertTrue(agreement.divergences().isEmpty() && agreement.refused().isEmpty(),
                "the Java matcher and the cluster differ; see " + out.toAbsolutePath());
        assertTrue(pass.logSources() < 100 && pass.serverSide().size() + agreement.rules() < 400, "the plan sends "
                + pass.logSources() + " log source searches and " + (pass.serverSide().size() + agreement.rules())
                + " rules' own queries; it must send one search per log source and leave few rules to the cluster");
    }

    private static void index(ElasticsearchNode node, List<RegressionEvents.Case> cases,
            List<RegressionEvents.Case> benign) throws IOException {
        node.deleteIndices(INDEX);
        node.createIndex(INDEX, JSON.readTree("""
                { "dynamic_templates": [ { "strings": { "match_mapping_type": "string",
                      "mapping": { "type": "keyword", "ignore_above": 8191 } } } ],
                  "properties": {
                    "@timestamp": { "type": "date" },
                    "source": { "properties": { "ip": { "type": "ip", "ignore_malformed": true } } },
                    "destination": { "properties": { "ip": { "type": "ip", "ignore_malformed": true } } },
                    "dns": { "properties": { "resolved_ip": { "type": "ip", "ignore_malformed": true } } } } }
                """));
        List<JsonNode> documents = new ArrayList<>();
        for (RegressionEvents.Case one : concat(cases, benign)) {
            for (int i = 0; i < one.documents().size(); i++) {
                ObjectNode document = one.documents().get(i).deepCopy();
                documents.add(document.put(RuleSearch.ID_FIELD, one.docIds().get(i)));
            }
        }
        node.index(INDEX, documents);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
