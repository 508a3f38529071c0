package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.sigma.match.QueryMatcher;
import io.alertas.sigma.match.UndecidedMatchException;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which events of a pass's window one Sigma rule matches. The search is the log source's window, the same for every
 * rule of that log source (so the pass sends it once), and the rule's query is matched in Java on its hits. Where
 * that cannot answer, the rule sends its own query (the log source's filters and its detection) through
 * {@link AlertContext#search}: when the window holds more events than one search returns, when a regular expression
 * cannot be decided in Java on a hit, and, from the start, when the Java matcher refuses the rule's query.
 */
final class WindowEvents {

    /** The most hits one search returns (Elasticsearch's default {@code index.max_result_window}). */
    static final int SIZE = 10_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The events matched, and how many the rule's own query counted when it could not read them all (else 0). */
    record Matched(List<JsonNode> hits, long unread) {
    }

    private final List<JsonNode> filters;
    private final JsonNode detection;
    private final Predicate<JsonNode> hitCheck;
    private final QueryMatcher matcher;

    /**
     * {@code filters} pick the log source's events, {@code detection} is the rule's converted query and
     * {@code hitCheck} says of each hit what the query could not.
     */
    WindowEvents(List<JsonNode> filters, JsonNode detection, Predicate<JsonNode> hitCheck) {
        this.filters = List.copyOf(filters);
        this.detection = detection;
        this.hitCheck = hitCheck;
        QueryMatcher compiled;
        try {
            compiled = QueryMatcher.of(detection);
        } catch (IllegalArgumentException refused) {
            compiled = null;
        }
        this.matcher = compiled;
    }

    /** The log source's window, or the rule's own query where Java cannot match it. */
    JsonNode query(Window window) {
        return matcher == null ? ownQuery(window) : search(window, filters);
    }

    /** The rule's own query: the log source's window and the detection. */
    JsonNode ownQuery(Window window) {
        List<JsonNode> clauses = new ArrayList<>(filters);
        clauses.add(detection);
        return search(window, clauses);
    }

    /** The hits of {@code response} (the answer to {@link #query}) that the rule matches. */
    Matched select(JsonNode response, AlertContext context) {
        if (matcher == null) {
            return checked(response);
        }
        if (truncated(response)) {
            return checked(context.search(ownQuery(context.window())));
        }
        List<JsonNode> matched = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            try {
                if (matcher.test(source) && hitCheck.test(source)) {
                    matched.add(hit);
                }
            } catch (UndecidedMatchException undecided) {
                return checked(context.search(ownQuery(context.window())));
            }
        }
        return new Matched(matched, 0);
    }

    /** The hits of an answer to the rule's own query that pass the hit check. */
    private Matched checked(JsonNode response) {
        List<JsonNode> matched = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            if (hitCheck.test(hit.path("_source"))) {
                matched.add(hit);
            }
        }
        return new Matched(matched, truncated(response) ? total(response) : 0);
    }

    private static boolean truncated(JsonNode response) {
        JsonNode total = response.path("hits").path("total");
        return "gte".equals(total.path("relation").asText()) || total(response) > response.path("hits").path("hits").size();
    }

    private static long total(JsonNode response) {
        return response.path("hits").path("total").path("value").asLong(0);
    }

    private static JsonNode search(Window window, List<JsonNode> clauses) {
        ObjectNode body = JSON.objectNode();
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(SigmaAlerts.range(window.start(), window.end()));
        clauses.forEach(filter::add);
        body.put("size", SIZE).put("track_total_hits", true);
        body.putArray("sort").addObject().put("@timestamp", "asc");
        return body;
    }
}
