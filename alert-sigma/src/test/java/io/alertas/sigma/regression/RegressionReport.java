package io.alertas.sigma.regression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the regression run found per event, and why a rule did not fire where it should have. */
final class RegressionReport {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * One case: whether its rule fired, why not, which other rules fired on it, and which of those did not fire
     * because their {@code |fieldref} compares a field the documents split in two (such as Sysmon's User, written
     * as user.domain and user.name), which no query can compare.
     */
    record Outcome(String name, List<String> ruleIds, boolean fired, String why, List<String> others,
            List<String> avoidable) {
    }

    private final ElasticsearchNode node;
    private final String index;
    private final List<SigmaCorpus.Loaded> rules;
    private final List<SigmaCorpus.Skipped> skipped;
    private final RuleSearch.Firings firings;
    private final Map<String, Set<Integer>> byDoc;

    RegressionReport(ElasticsearchNode node, String index, List<SigmaCorpus.Loaded> rules,
            List<SigmaCorpus.Skipped> skipped, RuleSearch.Firings firings, Map<String, Set<Integer>> byDoc) {
        this.node = node;
        this.index = index;
        this.rules = rules;
        this.skipped = skipped;
        this.firings = firings;
        this.byDoc = byDoc;
    }

    Outcome outcome(RegressionEvents.Case one) {
        Set<Integer> own = new TreeSet<>();
        for (int i = 0; i < rules.size(); i++) {
            if (one.ruleIds().contains(rules.get(i).rule().id())) {
                own.add(i);
            }
        }
        Set<Integer> fired = new TreeSet<>();
        one.docIds().forEach(doc -> fired.addAll(byDoc.getOrDefault(doc, Set.of())));
        boolean hit = own.stream().anyMatch(fired::contains);
        List<Integer> otherRules = fired.stream().filter(rule -> !own.contains(rule)).toList();
        return new Outcome(one.name(), one.ruleIds(), hit, hit ? "" : why(one, own),
                otherRules.stream().map(this::label).toList(),
                otherRules.stream().filter(rule -> !splitFieldref(rules.get(rule))).map(this::label).toList());
    }

    private String why(RegressionEvents.Case one, Set<Integer> own) {
        if (own.isEmpty()) {
            return skipped.stream().filter(s -> one.ruleIds().stream().anyMatch(id -> holds(s.file(), id)))
                    .map(s -> "rule skipped (" + s.reason() + "): " + s.message()).findFirst()
                    .orElse("no Windows rule with id " + one.ruleIds() + " in the snapshot");
        }
        int rule = own.iterator().next();
        if (firings.refused().containsKey(rule)) {
            return "Elasticsearch refused the query: " + firings.refused().get(rule);
        }
        SigmaCorpus.Loaded loaded = rules.get(rule);
        ObjectNode filtersOnly = JSON.objectNode();
        filtersOnly.putObject("bool").putArray("filter").addAll(loaded.target().filters());
        if (count(one, filtersOnly) == 0) {
            return "the log source filters exclude the event: " + loaded.target().filters();
        }
        if (count(one, loaded.conversion().query()) > 0) {
            return "the query matches; the hit check (fieldref) refuses it";
        }
        List<String> absent = new ArrayList<>();
        for (String field : fields(loaded.rule().detection())) {
            for (String target : loaded.target().fields().targets(field)) {
                if (one.documents().stream().allMatch(doc -> value(doc, target).isMissingNode())) {
                    absent.add(field + " -> " + target);
                }
            }
        }
        return "the detection does not match the document" + (absent.isEmpty() ? ""
                : "; fields the event lacks: " + String.join(", ", absent));
    }

    String markdown(List<Outcome> outcomes, List<Outcome> benign, LogSourcePass.Result pass, Agreement.Result agreement) {
        long fired = outcomes.stream().filter(Outcome::fired).count();
        StringBuilder text = new StringBuilder("# SigmaHQ regression events on Elasticsearch with ecs_windows\n\n");
        text.append(String.format("- regression events (cases): %d; their rule fires on %d (%.1f %%)%n",
                outcomes.size(), fired, 100.0 * fired / Math.max(1, outcomes.size())));
        text.append(String.format("- Windows rules: %d; log sources: %d, one search each (all their documents); "
                + "every rule matched in Java on its log source's hits: %d matches of a rule on a hit in %d ms%n",
                rules.size(), pass.logSources(), pass.matches(), pass.matchMillis()));
        text.append(String.format("- rules left to the cluster: %d (%d searches); searching took %d ms in all; "
                + "refused by Elasticsearch: %d%n", pass.serverSide().size(), pass.fallbackSearches(),
                pass.searchMillis(), firings.refused().size()));
        text.append(String.format("- agreement: %d rules (each rule Java fired, each event's own rule) sent their own "
                + "query, in %d searches, %d ms: %d diverge from Java%n", agreement.rules(), agreement.searches(),
                agreement.millis(), agreement.divergences().size()));
        text.append(String.format("- benign events: %d; rules firing on them: %d%n%n", benign.size(),
                benign.stream().mapToLong(o -> o.others().size()).sum()));
        text.append("## Rules left to the cluster\n\n");
        pass.serverSide().forEach((rule, why) -> text.append("- ").append(label(rule)).append(": ").append(cell(why))
                .append('\n'));
        text.append("\n## Where the Java matcher and the cluster differ\n\n");
        agreement.divergences().forEach(d -> text.append("- ").append(label(d.rule())).append(": only Java ")
                .append(d.javaOnly()).append(", only the cluster ").append(d.clusterOnly()).append('\n'));
        agreement.refused().forEach((rule, why) -> text.append("- ").append(label(rule))
                .append(": the cluster refused the query: ").append(cell(why)).append('\n'));
        text.append('\n');
        text.append("## Misses\n\n| event | why |\n|---|---|\n");
        outcomes.stream().filter(o -> !o.fired()).forEach(o ->
                text.append("| `").append(o.name()).append("` | ").append(cell(o.why())).append(" |\n"));
        text.append("\n## Other rules firing on a regression event\n\n| event | other rules |\n|---|---|\n");
        outcomes.stream().filter(o -> !o.others().isEmpty()).forEach(o -> text.append("| `").append(o.name())
                .append("` | ").append(cell(String.join("; ", o.others()))).append(" |\n"));
        text.append("\n## Rules firing on benign events\n\n");
        benign.stream().filter(o -> !o.others().isEmpty()).forEach(o -> text.append("- `").append(o.name())
                .append("`: ").append(String.join("; ", o.others())).append(o.avoidable().isEmpty()
                        ? " (fieldref on a field the documents split: a false positive of the conversion)" : "")
                .append('\n'));
        text.append("\n## Queries Elasticsearch refused\n\n");
        firings.refused().forEach((rule, why) -> text.append("- ").append(label(rule)).append(": ").append(cell(why))
                .append('\n'));
        return text.toString();
    }

    private long count(RegressionEvents.Case one, JsonNode query) {
        ObjectNode body = JSON.objectNode();
        var filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(query);
        var ids = JSON.objectNode();
        ids.putObject("terms").putArray(RuleSearch.ID_FIELD).addAll(one.docIds().stream().map(JSON::textNode)
                .toList());
        filter.add(ids);
        try {
            return node.request("POST", "/" + index + "/_count", body).path("count").asLong();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    /** Whether a rule's {@code |fieldref} names a field, or compares with one, that maps to several fields. */
    static boolean splitFieldref(SigmaCorpus.Loaded rule) {
        List<String> compared = new ArrayList<>();
        collectFieldrefs(rule.rule().detection(), compared, 0);
        return compared.stream().anyMatch(field -> rule.target().fields().targets(field).size() > 1);
    }

    private static void collectFieldrefs(JsonNode node, List<String> compared, int depth) {
        if (depth > 20) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().contains("|fieldref")) {
                    compared.add(entry.getKey().split("\\|", 2)[0]);
                    entry.getValue().forEach(ref -> compared.add(ref.asText()));
                    if (entry.getValue().isTextual()) {
                        compared.add(entry.getValue().asText());
                    }
                }
                collectFieldrefs(entry.getValue(), compared, depth + 1);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectFieldrefs(item, compared, depth + 1));
        }
    }

    /** The Sigma field names a detection uses: the keys of its maps, without modifiers. */
    static Set<String> fields(JsonNode detection) {
        Set<String> fields = new LinkedHashSet<>();
        collect(detection, fields, 0);
        fields.remove("condition");
        fields.remove("timeframe");
        return fields;
    }

    private static void collect(JsonNode node, Set<String> fields, int depth) {
        if (node == null || depth > 20) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (depth > 0) {
                    fields.add(entry.getKey().split("\\|", 2)[0]);
                }
                if (entry.getValue().isContainerNode()) {
                    collect(entry.getValue(), fields, depth + 1);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, fields, depth + 1));
        }
    }

    static JsonNode value(JsonNode document, String dotted) {
        JsonNode at = document;
        for (String part : dotted.split("\\.")) {
            at = at.path(part);
        }
        return at;
    }

    private String label(int rule) {
        SigmaCorpus.Loaded loaded = rules.get(rule);
        return loaded.rule().title() + " (`" + loaded.file().getFileName() + "`)";
    }

    private static boolean holds(Path file, String id) {
        try {
            return Files.readString(file).contains(id);
        } catch (IOException e) {
            return false;
        }
    }

    private static String cell(String text) {
        return text.replace('|', '/').replace('\n', ' ');
    }
}
