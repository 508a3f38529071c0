package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.config.ConfigLoader;
import io.alertas.core.internal.elasticsearch.ClusterInfo;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.core.internal.media.Reachable;
import io.alertas.core.pass.ConnectionCheck;
import io.alertas.core.pass.ConnectionCheck.Outcome;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Medium;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code validate --connect} checks beyond the files: that the cluster answers and takes the credentials
 * (and which flavour and version it is), that each active alert's index pattern matches an index whose fields
 * suit the alert's query (a terms aggregation needs a keyword field, not text), and that each medium's service
 * can be reached. Nothing is sent to a medium and nothing is written.
 */
public final class Connections {

    /** Field types a terms aggregation can group by. */
    private static final Set<String> GROUPABLE = Set.of("keyword", "constant_keyword", "wildcard", "ip", "boolean",
            "long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long",
            "date", "date_nanos", "version");

    private final ElasticsearchClient cluster;
    private final List<ConnectionCheck> checks = new ArrayList<>();

    private Connections(ElasticsearchClient cluster) {
        this.cluster = cluster;
    }

    /**
     * Checks the cluster, each active alert (its query rendered for the window a pass would use, in
     * {@code contexts}) and each medium.
     */
    static List<ConnectionCheck> check(ElasticsearchClient cluster, Map<Alert, AlertContext> contexts, Map<String, Medium> media) {
        Connections connections = new Connections(cluster);
        if (connections.cluster()) {
            contexts.forEach(connections::alert);
        }
        media.forEach(connections::medium);
        return connections.checks;
    }

    private void add(Outcome outcome, String subject, String text) {
        checks.add(new ConnectionCheck(outcome, subject, text));
    }

    private boolean cluster() {
        String subject = "cluster " + cluster.displayUrl();
        try {
            Optional<ClusterInfo> info = cluster.clusterInfo();
            if (info.isEmpty()) {
                add(Outcome.WARNING, subject, "answers, but does not say its version (the user may lack the monitor privilege)");
            } else if (!info.get().tested()) {
                add(Outcome.WARNING, subject, info.get() + " is not a version Alertas is tested on (Elasticsearch 7.17,"
                        + " 8 and 9; OpenSearch 2 and 3)");
            } else {
                add(Outcome.OK, subject, info.get() + (cluster.signsIn() ? ", credentials accepted"
                        : ", answers without credentials (none are configured)"));
            }
            return true;
        } catch (ElasticsearchException e) {
            add(Outcome.PROBLEM, subject, e.getMessage());
            return false;
        }
    }

    private void alert(Alert alert, AlertContext context) {
        String subject = "alert \"" + alert.name() + "\"";
        if (!alert.isSearch()) {
            add(Outcome.OK, subject, "sends " + alert.method() + " " + alert.path() + "; no index to check");
            return;
        }
        AlertBoundary boundary = new AlertBoundary();
        Optional<JsonNode> query = boundary.attempt(alert, context.window(), "its query", () -> alert.query().render(context));
        if (query.isEmpty()) {
            add(Outcome.PROBLEM, subject, boundary.failure(alert).orElseThrow().outcome().error());
            return;
        }
        Set<String> grouped = new TreeSet<>();
        termsFields(query.get(), false, grouped);
        JsonNode caps;
        try {
            caps = cluster.request("GET", "/" + ElasticsearchClient.encodeIndex(alert.index()) + "/_field_caps?fields="
                    + ElasticsearchClient.encodeIndex(String.join(",", grouped.isEmpty() ? Set.of("@timestamp") : grouped))
                    + "&ignore_unavailable=true&allow_no_indices=true", null);
        } catch (ElasticsearchException e) {
            add(Outcome.PROBLEM, subject, e.getMessage());
            return;
        }
        int indices = caps.path("indices").size();
        if (indices == 0) {
            add(Outcome.PROBLEM, subject, "index pattern \"" + alert.index() + "\" matches no index; set \"index\" in "
                    + (alert.plugin().equals(ConfigLoader.ALERTS_D) ? alert.jar() : ConfigLoader.ALERTS)
                    + ", or check that the data is shipped");
            return;
        }
        List<String> notMapped = new ArrayList<>();
        for (String field : grouped) {
            JsonNode types = caps.path("fields").path(field);
            if (types.isMissingNode() || types.isEmpty()) {
                notMapped.add(field);
                continue;
            }
            Set<String> wrong = new LinkedHashSet<>();
            for (Iterator<String> type = types.fieldNames(); type.hasNext(); ) {
                String name = type.next();
                if (!GROUPABLE.contains(name)) {
                    wrong.add(name);
                }
            }
            if (!wrong.isEmpty()) {
                add(Outcome.PROBLEM, subject, "field \"" + field + "\" is mapped as " + String.join(" and ", wrong) + " in \""
                        + alert.index() + "\", but the alert groups by it (a terms aggregation), which needs keyword:"
                        + " map it as keyword (docs/alerts.md, index templates)");
                return;
            }
        }
        if (!notMapped.isEmpty()) {
            add(Outcome.WARNING, subject, indices + (indices == 1 ? " index matches" : " indices match") + " \"" + alert.index()
                    + "\", but none maps " + String.join(", ", notMapped) + ": no document has it yet, or the data"
                    + " is not what the alert reads");
            return;
        }
        add(Outcome.OK, subject, indices + (indices == 1 ? " index matches" : " indices match") + " \"" + alert.index() + "\""
                + (grouped.isEmpty() ? "" : "; grouped by keyword fields " + String.join(", ", grouped)));
    }

    /** Collects the fields of the terms aggregations (and composite terms sources) in a query body. */
    private static void termsFields(JsonNode node, boolean inAggregations, Set<String> fields) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if (inAggregations && (key.equals("terms") || key.equals("rare_terms") || key.equals("significant_terms"))
                        && value.path("field").isTextual()) {
                    fields.add(value.path("field").asText());
                }
                termsFields(value, inAggregations || key.equals("aggs") || key.equals("aggregations"), fields);
            });
        } else if (node.isArray()) {
            node.forEach(element -> termsFields(element, inAggregations, fields));
        }
    }

    private void medium(String name, Medium medium) {
        String subject = "medium \"" + name + "\"";
        if (!(medium instanceof Reachable reachable)) {
            add(Outcome.WARNING, subject, "not checked: a plugin's medium has no check without sending");
            return;
        }
        try {
            add(Outcome.OK, subject, reachable.reach());
        } catch (IOException e) {
            add(Outcome.PROBLEM, subject, e.getMessage());
        }
    }
}
