package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SortedSet;

/**
 * Where an alert's settings are: its entry of alerts.json, or what its own file in alerts.d holds besides the
 * alert it declares, at {@code at} (a JSON pointer) in {@code file}; {@code known} are the keys it may hold, in the order a message lists them.
 */
record AlertEntry(LocatedJson file, JsonNode settings, String at, SortedSet<String> known) {
}
