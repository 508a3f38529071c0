package io.alertas.sigma.mapping;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where the events of one Sigma log source are in the cluster: the index pattern, the query clauses that pick them
 * out there (such as the Sysmon channel and event ID of {@code process_creation}), and how the rule's fields map.
 */
public record LogSourceTarget(String index, List<JsonNode> filters, FieldMap fields) {

    public LogSourceTarget {
        requireNonNull(index, "index is null");
        filters = List.copyOf(filters);
        requireNonNull(fields, "fields is null");
    }
}
