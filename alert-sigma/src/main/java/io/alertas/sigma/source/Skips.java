package io.alertas.sigma.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a load left out, one line per rule or file ({@code sigma: FILE: skipped: REASON: detail}), grouped by reason:
 * folded into a summary and a few examples per reason for {@code validate}, listed whole for {@code sigma check}.
 */
public final class Skips {

    /** One thing left out: the file (and rule) as shown, the reason's words, and what exactly. */
    public record Skip(String file, String reason, String detail) {

        /** The line a user reads. */
        public String line() {
            return "sigma: " + Text.line(file) + ": skipped: " + reason + ": " + Text.line(detail);
        }

        /** The file and what exactly, on one line, for a list grouped by reason. */
        public String entry() {
            return Text.line(file) + ": " + Text.line(detail);
        }
    }

    private static final int EXAMPLES = 3;

    private final List<Skip> skips = new ArrayList<>();
    private int loaded;

    void add(String file, String reason, String detail) {
        skips.add(new Skip(file, reason, detail));
    }

    /** How many skips there are so far, to {@link #forgetSince} later. */
    int mark() {
        return skips.size();
    }

    /** Forgets the skips added since {@code mark}: those of a rule switched off, which nobody needs to hear of. */
    void forgetSince(int mark) {
        skips.subList(mark, skips.size()).clear();
    }

    void loaded() {
        loaded++;
    }

    /** How many rules became alerts. */
    public int loadedCount() {
        return loaded;
    }

    /** Everything left out, in the order found. */
    public List<Skip> all() {
        return List.copyOf(skips);
    }

    /** What was left out by reason, the most frequent reason first. */
    public Map<String, List<Skip>> byReason() {
        Map<String, List<Skip>> groups = new LinkedHashMap<>();
        skips.forEach(s -> groups.computeIfAbsent(s.reason(), r -> new ArrayList<>()).add(s));
        Map<String, List<Skip>> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size())
                .forEach(e -> sorted.put(e.getKey(), List.copyOf(e.getValue())));
        return sorted;
    }

    /** {@code sigma: 2871 rules loaded, 97 skipped (41 unsupported modifier, ...)}. */
    public String summary() {
        StringBuilder line = new StringBuilder("sigma: ").append(loaded).append(loaded == 1 ? " rule" : " rules")
                .append(" loaded, ").append(skips.size()).append(" skipped");
        if (!skips.isEmpty()) {
            List<String> counts = new ArrayList<>();
            byReason().forEach((reason, list) -> counts.add(list.size() + " " + reason));
            line.append(" (").append(String.join(", ", counts)).append(')');
        }
        return line.toString();
    }

    /**
     * The summary, then a few lines per reason, each reason's rest counted; nothing when nothing was skipped, so a
     * load with nothing to tell prints nothing (cron mails what a run prints).
     */
    List<String> folded() {
        List<String> lines = new ArrayList<>();
        if (skips.isEmpty()) {
            return lines;
        }
        lines.add(summary());
        byReason().forEach((reason, list) -> {
            list.stream().limit(EXAMPLES).forEach(s -> lines.add(s.line()));
            if (list.size() > EXAMPLES) {
                lines.add("sigma: and " + (list.size() - EXAMPLES) + " more skipped for " + reason
                        + " (sigma check lists them all)");
            }
        });
        return lines;
    }

    /** The counts and every skip by reason, as JSON. */
    public JsonNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("loaded", loaded);
        json.put("skipped", skips.size());
        ObjectNode reasons = json.putObject("reasons");
        byReason().forEach((reason, list) -> {
            ObjectNode group = reasons.putObject(reason);
            group.put("count", list.size());
            list.forEach(s -> group.withArray("rules").addObject().put("file", s.file()).put("detail", s.detail()));
        });
        return json;
    }
}
