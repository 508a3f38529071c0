package io.alertas.sigma.mapping;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

/**
 * One mapping file as read: per product, its index pattern, where its unmapped fields go, the fields its log source
 * filters use, its field table, and its categories and services, each with the events that make it up and the
 * fields that mean something else there. Every part may be missing: a file laid over another gives only what it
 * changes.
 */
record MappingFile(String base, Map<String, Product> products) {

    private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,10}");
    private static final Pattern FIELD_NAME = Pattern.compile("[^\\s\"\\\\]([^\\p{Cntrl}\"\\\\]{0,198}[^\\s\"\\\\])?");

    MappingFile {
        products = products == null ? Map.of() : copy(products);
    }

    /** This file laid over {@code under}: an entry here replaces or extends the one of the same name there. */
    MappingFile over(MappingFile under) {
        return new MappingFile(under.base, merge(under.products, products, (low, high) -> high.over(low)));
    }

    record Product(String index, String unmappedPrefix, String channelField, String eventIdField,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) Map<String, List<String>> fields,
            Map<String, Source> categories, Map<String, Source> services) {

        Product {
            text("index", index);
            if (unmappedPrefix != null && !unmappedPrefix.isEmpty() && !FIELD_NAME.matcher(unmappedPrefix).matches()) {
                throw new IllegalArgumentException("\"unmapped_prefix\" must be a field name prefix like "
                        + "\"winlog.event_data.\", not \"" + unmappedPrefix + "\"");
            }
            field("channel_field", channelField);
            field("event_id_field", eventIdField);
            fields = targets(fields);
            categories = categories == null ? Map.of() : copy(categories);
            services = services == null ? Map.of() : copy(services);
        }

        Product over(Product under) {
            return new Product(or(index, under.index), or(unmappedPrefix, under.unmappedPrefix),
                    or(channelField, under.channelField), or(eventIdField, under.eventIdField),
                    merge(under.fields, fields, (low, high) -> high),
                    merge(under.categories, categories, (low, high) -> high.over(low)),
                    merge(under.services, services, (low, high) -> high.over(low)));
        }
    }

    record Source(List<Events> events,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) Map<String, List<String>> fields) {

        Source {
            events = events == null ? null : List.copyOf(events);
            fields = targets(fields);
        }

        Source over(Source under) {
            return new Source(events == null ? under.events : events, merge(under.fields, fields, (low, high) -> high));
        }
    }

    /** Events of one channel, of the given event IDs or (when there are none) all of them. */
    record Events(String channel, List<String> ids) {

        Events {
            if (channel == null || channel.isBlank() || channel.length() > 200 || hasControl(channel)) {
                throw new IllegalArgumentException("\"channel\" must be a channel name like \"Security\"");
            }
            ids = ids == null ? List.of() : List.copyOf(ids);
            for (String id : ids) {
                if (id == null || !EVENT_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("\"ids\" must be event IDs like 4688, not \"" + id + "\"");
                }
            }
        }
    }

    private static Map<String, List<String>> targets(Map<String, List<String>> fields) {
        if (fields == null) {
            return Map.of();
        }
        for (Map.Entry<String, List<String>> entry : fields.entrySet()) {
            if (entry.getValue() == null || entry.getValue().isEmpty()) {
                throw new IllegalArgumentException("field \"" + entry.getKey() + "\" maps to nothing");
            }
            entry.getValue().forEach(target -> field("field \"" + entry.getKey() + "\"", target));
        }
        return copy(fields);
    }

    private static void text(String name, String value) {
        if (value != null && (value.isBlank() || value.length() > 1000 || hasControl(value))) {
            throw new IllegalArgumentException("\"" + name + "\" must be an index pattern like \"winlogbeat-*\"");
        }
    }

    private static void field(String name, String value) {
        if (value != null && !FIELD_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must name a document field like \"winlog.channel\", not \""
                    + value + "\"");
        }
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    private static <T> T or(T high, T low) {
        return high != null ? high : low;
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        map.forEach((key, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("\"" + key + "\" is empty");
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static <V> Map<String, V> merge(Map<String, V> low, Map<String, V> high, BinaryOperator<V> both) {
        Map<String, V> merged = new LinkedHashMap<>(low);
        high.forEach((key, value) -> merged.merge(key, value, both));
        return Collections.unmodifiableMap(merged);
    }
}
