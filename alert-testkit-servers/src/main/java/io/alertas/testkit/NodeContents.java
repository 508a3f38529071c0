package io.alertas.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * What tests may have put on a node: its indices, data streams and index templates, by name, without the system's own
 * (names that start with a dot) and with those of the node's start. Taken before a test class and after it, the
 * difference is what the class made, which is deleted by exact name; test JVMs of a build run one after another,
 * so nothing another class made is in it.
 */
record NodeContents(Set<String> indices, Set<String> dataStreams, Set<String> templates) {

    static NodeContents of(ElasticsearchNode node) {
        return new NodeContents(
                names(node, "/_cat/indices?format=json&h=index&expand_wildcards=open,closed", null, "index"),
                names(node, "/_data_stream", "data_streams", "name"),
                names(node, "/_index_template", "index_templates", "name"));
    }

    /** Deletes from the node what it holds now and did not hold in {@code before}. */
    void deleteAddedSince(NodeContents before, ElasticsearchNode node) {
        Set<String> newStreams = added(dataStreams, before.dataStreams);
        if (!newStreams.isEmpty()) {
            node.request("DELETE", "/_data_stream/" + String.join(",", newStreams), null);
        }
        Set<String> newIndices = added(indices, before.indices);
        if (!newIndices.isEmpty()) {
            node.request("DELETE", "/" + String.join(",", newIndices) + "?ignore_unavailable=true", null);
        }
        for (String template : added(templates, before.templates)) {
            node.request("DELETE", "/_index_template/" + template, null);
        }
    }

    private static Set<String> added(Set<String> now, Set<String> before) {
        Set<String> added = new HashSet<>(now);
        added.removeAll(before);
        return added;
    }

    /** The names in an answer's list ({@code list} null for an answer that is the list), or none where the node lacks the API. */
    private static Set<String> names(ElasticsearchNode node, String path, String list, String field) {
        JsonNode answer;
        try {
            answer = node.request("GET", path, null);
        } catch (IllegalStateException e) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (JsonNode entry : list == null ? answer : answer.path(list)) {
            String name = entry.path(field).asText();
            if (!name.isEmpty() && !name.startsWith(".")) {
                names.add(name);
            }
        }
        return names;
    }
}
