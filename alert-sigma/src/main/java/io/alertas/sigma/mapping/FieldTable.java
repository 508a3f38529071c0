package io.alertas.sigma.mapping;

import java.util.List;
import java.util.Map;

/**
 * The fields of one log source: its own table first (a service's, then a category's), then the product's; a
 * field no table names that is already a document field (holds a dot) stays as it is; anything else goes under
 * the product's unmapped prefix, where Winlogbeat keeps event data, or nowhere when the product has none.
 */
record FieldTable(List<Map<String, List<String>>> tables, String unmappedPrefix) implements FieldMap {

    FieldTable {
        tables = List.copyOf(tables);
    }

    @Override
    public List<String> targets(String field) {
        for (Map<String, List<String>> table : tables) {
            List<String> targets = table.get(field);
            if (targets != null) {
                return targets;
            }
        }
        if (field.contains(".")) {
            return List.of(field);
        }
        if (unmappedPrefix == null || unmappedPrefix.isEmpty() || field.isBlank()) {
            return List.of();
        }
        return List.of(unmappedPrefix + field);
    }
}
