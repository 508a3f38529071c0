package io.alertas.runner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.TeamOperations;
import io.alertas.core.pass.FlappingKey;
import io.alertas.core.pass.GatheredDigest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The digests being gathered (period end, keys, firings) and the keys flapping (since when, changes), as
 * {@code status} and the status page show them. Fields are read by the page's template.
 */
final class DigestsAndFlapping {

    /** Nothing gathered, nothing flapping. */
    static final DigestsAndFlapping NONE = new DigestsAndFlapping(List.of(), List.of(), null);

    final List<GatheredDigest> digests;
    final List<FlappingKey> flapping;
    /** Why the state could not be read, or null. */
    private final String unread;

    private DigestsAndFlapping(List<GatheredDigest> digests, List<FlappingKey> flapping, String unread) {
        this.digests = List.copyOf(digests);
        this.flapping = List.copyOf(flapping);
        this.unread = unread;
    }

    /** What {@code operations} says now; when the state cannot be read, says so instead. */
    static DigestsAndFlapping of(TeamOperations operations) {
        try {
            return new DigestsAndFlapping(operations.digests(), operations.flapping(), null);
        } catch (IOException e) {
            return new DigestsAndFlapping(List.of(), List.of(), e.getMessage());
        }
    }

    /** The sections for a terminal: each one a title and a line per digest or key; none when there is nothing. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (unread != null) {
            lines.add("");
            lines.add("digests and flapping: the state could not be read: " + unread);
        }
        if (!digests.isEmpty()) {
            lines.add("");
            lines.add("digests being gathered:");
            digests.forEach(d -> lines.add("  " + d.alert() + " on " + d.medium() + ": " + said(d)));
        }
        if (!flapping.isEmpty()) {
            lines.add("");
            lines.add("flapping:");
            flapping.forEach(f -> lines.add("  " + f.alert() + ": " + said(f)));
        }
        return lines;
    }

    /** Adds {@code digests} and {@code flapping} to the JSON of status. */
    void json(ObjectNode root) {
        ArrayNode digests = root.putArray("digests");
        this.digests.forEach(d -> digests.addObject().put("alert", d.alert()).put("medium", d.medium())
                .put("start", d.start().toString()).put("end", d.end().toString()).put("keys", d.keys())
                .put("firings", d.firings()));
        ArrayNode flapping = root.putArray("flapping");
        this.flapping.forEach(f -> flapping.addObject().put("alert", f.alert()).put("key", f.key())
                .put("since", f.since().toString()).put("changes", f.changes()).put("windows", f.windows()));
    }

    /** A digest's line on the page and in status: "3 firings of 2 keys, sent at END". */
    static String said(GatheredDigest d) {
        return Counts.of(d.firings(), "firing", "firings") + " of " + Counts.of(d.keys(), "key", "keys")
                + " since " + d.start() + ", sent at " + d.end();
    }

    /** A flapping key's line on the page and in status. */
    static String said(FlappingKey f) {
        return (f.key() == null ? "(whole alert)" : f.key()) + " flapping since " + f.since() + ": " + f.changes()
                + " changes in the last " + f.windows() + " windows";
    }

    /** The digests' lines, as the page lists them. */
    List<String> digestLines() {
        return digests.stream().map(d -> d.alert() + " on " + d.medium() + ": " + said(d)).toList();
    }

    /** The flapping keys' lines, as the page lists them. */
    List<String> flappingLines() {
        return flapping.stream().map(f -> f.alert() + ": " + said(f)).toList();
    }
}
