package io.alertas.sigma.regression;

import io.alertas.testkit.ElasticsearchNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The differential check of the Java matcher: the rules it fired, and each regression event's own rule, send their
 * own query to the cluster, which must find exactly the documents Java found.
 */
final class Agreement {

    /** A rule on which Java and the cluster differ: the documents only one of them finds. */
    record Divergence(int rule, Set<String> javaOnly, Set<String> clusterOnly) {
    }

    /** The rules compared, the searches that took, how long, the divergences and the rules the cluster refused. */
    record Result(int rules, int searches, long millis, List<Divergence> divergences, Map<Integer, String> refused) {
    }

    private Agreement() {
    }

    static Result check(ElasticsearchNode node, String index, List<SigmaCorpus.Loaded> rules,
            LogSourcePass.Result pass, List<RegressionEvents.Case> cases) {
        Set<Integer> compared = new TreeSet<>(pass.byJava().keySet());
        for (int i = 0; i < rules.size(); i++) {
            String id = rules.get(i).rule().id();
            if (cases.stream().anyMatch(one -> one.ruleIds().contains(id))) {
                compared.add(i);
            }
        }
        compared.removeAll(pass.serverSide().keySet());
        List<Integer> order = List.copyOf(compared);
        long started = System.nanoTime();
        RuleSearch.Firings cluster = RuleSearch.run(node, index, order.stream().map(rules::get).toList());
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<Divergence> divergences = new ArrayList<>();
        for (int at = 0; at < order.size(); at++) {
            if (cluster.refused().containsKey(at)) {
                continue;
            }
            Set<String> java = pass.byJava().getOrDefault(order.get(at), Set.of());
            Set<String> found = cluster.fired().getOrDefault(at, Set.of());
            if (!java.equals(found)) {
                Set<String> javaOnly = new TreeSet<>(java);
                javaOnly.removeAll(found);
                Set<String> clusterOnly = new TreeSet<>(found);
                clusterOnly.removeAll(java);
                divergences.add(new Divergence(order.get(at), javaOnly, clusterOnly));
            }
        }
        Map<Integer, String> refused = new java.util.LinkedHashMap<>();
        cluster.refused().forEach((at, why) -> refused.put(order.get(at), why));
        return new Result(order.size(), cluster.searches()[0], millis, divergences, refused);
    }
}
