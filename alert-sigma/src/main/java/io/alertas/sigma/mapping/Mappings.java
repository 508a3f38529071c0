package io.alertas.sigma.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.sigma.rule.LogSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field mappings and log sources of one kind of shipper, as data: a YAML file per mapping in this package's
 * resources ({@code ecs_windows.yml}, {@code ecs_windows_old.yml}, both laid over {@code windows_logsources.yml}).
 * A file holds {@code products}, each with its {@code index} pattern, its {@code unmapped_prefix} (where a field no
 * table names goes), the {@code channel_field} and {@code event_id_field} its filters use, its {@code fields} table
 * (a Sigma field to one document field or a list of them, any of which matching is a match) and its
 * {@code categories} and {@code services}: each with the {@code events} (a list of {@code channel} and optional
 * {@code ids}) that make it up (a log source without {@code events} is unknown) and the {@code fields} that mean
 * something else there. An installation's file has
 * the same shape and is laid over a mapping entry by entry. Instances are immutable and thread-safe.
 */
public final class Mappings {

    private static final List<String> NAMES = List.of("ecs_windows", "ecs_windows_old");

    private final MappingFile data;

    private Mappings(MappingFile data) {
        this.data = data;
    }

    /** The names of the built-in mappings, the default first: ecs_windows, ecs_windows_old. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The built-in mapping {@code name}.
     *
     * @throws IllegalArgumentException naming the known mappings, when there is none of that name
     */
    public static Mappings named(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no mapping named \"" + name + "\"; the mappings are " + NAMES);
        }
        MappingFile top = MappingReader.resource(name);
        MappingFile base = top.base() == null ? new MappingFile(null, Map.of()) : MappingReader.resource(top.base());
        return new Mappings(top.over(base));
    }

    /**
     * This mapping with an installation's own file laid over it.
     *
     * @throws IllegalArgumentException naming the file and the place, when it is malformed or cannot be read
     */
    public Mappings overriddenBy(Path file) {
        return new Mappings(MappingReader.read(file).over(data));
    }

    /** Where the events of {@code source} are; empty for a log source this mapping does not know. */
    public Optional<LogSourceTarget> target(LogSource source) {
        MappingFile.Product product = source.product() == null ? null : data.products().get(source.product());
        if (product == null || product.index() == null) {
            return Optional.empty();
        }
        MappingFile.Source category = part(product.categories(), source.category());
        MappingFile.Source service = part(product.services(), source.service());
        if (category == null || service == null) {
            return Optional.empty();
        }
        List<JsonNode> filters = new ArrayList<>();
        List<Map<String, List<String>>> tables = new ArrayList<>();
        for (MappingFile.Source part : List.of(service, category)) {
            if (part.events() == null) {
                return Optional.empty();
            }
            if (!part.events().isEmpty()) {
                if (product.channelField() == null || product.eventIdField() == null) {
                    return Optional.empty();
                }
                filters.add(EventFilters.clause(part.events(), product.channelField(), product.eventIdField()));
            }
            tables.add(part.fields());
        }
        tables.add(product.fields());
        return Optional.of(new LogSourceTarget(product.index(), filters,
                new FieldTable(tables, product.unmappedPrefix())));
    }

    private static MappingFile.Source part(Map<String, MappingFile.Source> parts, String name) {
        return name == null ? new MappingFile.Source(List.of(), Map.of()) : parts.get(name);
    }
}
