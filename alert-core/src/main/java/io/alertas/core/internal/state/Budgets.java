package io.alertas.core.internal.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.media.Cut;
import io.alertas.core.pass.PassReport;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Window;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one alert may keep in the state, so that the state stays far below its read limit whatever an alert
 * does: one notification waiting per alert, medium and kind (fired, resolved), into which later ones are
 * folded, with its message, summary and findings cut to size; at most {@value #THROTTLE_KEYS} throttled keys
 * per alert and medium; and at most {@value #MEMORY_CHARS} characters of what its evaluator remembers. What
 * is cut is said: in the notification itself, or as a warning naming the alert.
 */
final class Budgets {

    /** The most characters of a waiting notification's message, and of its summary. */
    static final int MESSAGE_CHARS = 16 * 1024;
    /** The most findings a waiting notification keeps. */
    static final int FINDINGS = 1_000;
    /** The most characters of one finding's text. */
    static final int FINDING_CHARS = 2_000;
    /** The most characters of all the keys and texts of a waiting notification's findings. */
    static final int FINDINGS_CHARS = 128 * 1024;
    /** The most keys of one alert throttled on one medium; past it the oldest tenth is forgotten. */
    static final int THROTTLE_KEYS = 10_000;
    /** The most characters of what one alert's evaluator remembers, as JSON. */
    static final int MEMORY_CHARS = 1 << 20;

    /** Room left at the end of a cut text for the notes on what was folded in and what was not kept. */
    private static final int NOTES = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);
    private static final Pattern FOLDED = Pattern.compile("\n\\(with (\\d+) earlier notifications? not delivered folded in\\)");

    private Budgets() {
    }

    /** Whether {@code a} and {@code b} wait for the same medium, for the same alert, with the same kind. */
    static boolean oneSlot(State.Pending a, State.Pending b) {
        return a.alert().equals(b.alert()) && a.medium().equals(b.medium())
                && a.notification().resolved() == b.notification().resolved();
    }

    /**
     * {@code older} and {@code newer} as one notification: the newer one's message and summary, the findings of
     * both (the newer ones first), a window spanning both, the firings both held back, and a note saying how
     * many notifications were folded in.
     */
    static State.Pending folded(State.Pending older, State.Pending newer) {
        Notification o = older.notification();
        Notification n = newer.notification();
        if (o.equals(n)) {
            return newer;
        }
        Map<String, Finding> findings = new LinkedHashMap<>();
        n.findings().forEach(f -> findings.put(f.key(), f));
        o.findings().forEach(f -> findings.putIfAbsent(f.key(), f));
        List<Finding> all = List.copyOf(findings.values());
        String message = all.size() > n.findings().size() ? Evaluation.naming(newer.summary(), all) : n.message();
        Window window = Window.of(min(o.window().start(), n.window().start()), max(o.window().end(), n.window().end()));
        String note = "\n(with " + plural(folds(o) + 1, "earlier notification") + " not delivered folded in)";
        Notification merged = Notification.builder(n.alert(), n.severity(), cut(message, MESSAGE_CHARS) + note, window,
                        n.firedAt())
                .findings(all).suppressed((int) Math.min(Integer.MAX_VALUE, (long) o.suppressed() + n.suppressed()))
                .cluster(n.cluster()).link(n.link()).resolved(n.resolved()).plugin(n.plugin()).build();
        Set<String> accepted = new HashSet<>(older.accepted());
        accepted.addAll(newer.accepted());
        return new State.Pending(newer.medium(), merged, newer.summary(), newer.firstFailedAt(),
                Math.max(older.attempts(), newer.attempts()), newer.lastError(), accepted,
                later(older.notBefore(), newer.notBefore()));
    }

    /** {@code pending} within the budget: findings past the budget left out and counted, texts cut with a note. */
    static State.Pending kept(State.Pending pending) {
        Notification n = pending.notification();
        List<Finding> kept = new ArrayList<>();
        long chars = 0;
        for (Finding f : n.findings()) {
            String text = cut(f.text(), FINDING_CHARS);
            chars += f.key().length() + text.length();
            if (kept.size() == FINDINGS || chars > FINDINGS_CHARS) {
                break;
            }
            kept.add(text.equals(f.text()) ? f : Finding.of(f.key(), text));
        }
        int left = n.findings().size() - kept.size();
        String note = left == 0 ? "" : "\n(" + plural(left, "more finding") + " not kept while the medium was down)";
        String message = cut(n.message(), MESSAGE_CHARS) + note;
        String summary = cut(pending.summary(), MESSAGE_CHARS);
        if (message.equals(n.message()) && summary.equals(pending.summary()) && left == 0 && kept.equals(n.findings())) {
            return pending;
        }
        return new State.Pending(pending.medium(), n.toBuilder().message(message).findings(kept).build(), summary,
                pending.firstFailedAt(), pending.attempts(), pending.lastError(), pending.accepted(), pending.notBefore());
    }

    /**
     * Forgets the oldest tenth of {@code keys} (by delivery) when they are more than {@value #THROTTLE_KEYS},
     * saying so: those keys may be told again before their throttle period ends.
     */
    static void trim(String alert, String medium, Map<String, State.Throttle> keys, Consumer<String> warn) {
        if (keys.size() <= THROTTLE_KEYS) {
            return;
        }
        int forget = keys.size() - THROTTLE_KEYS + THROTTLE_KEYS / 10;
        keys.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().deliveredAt())).limit(forget)
                .map(Map.Entry::getKey).toList().forEach(keys::remove);
        say(warn, "alert \"" + alert + "\" has more than " + THROTTLE_KEYS + " keys throttled on " + medium
                + "; forgot the throttle of the " + forget + " delivered longest ago, which may be told again");
    }

    /**
     * {@code memory} within {@value #MEMORY_CHARS} characters: the entries of its largest member (a rule's
     * values or firings per group) are left out oldest first, by their time (the entry itself, or its
     * {@code "at"}), those without one first; when that is not enough it is forgotten whole. Each cut is said.
     */
    static JsonNode memory(String alert, JsonNode memory, Consumer<String> warn) {
        int size = memory.toString().length();
        if (size <= MEMORY_CHARS) {
            return memory;
        }
        ObjectNode kept = memory.deepCopy();
        String largest = null;
        int largestSize = 0;
        for (Map.Entry<String, JsonNode> member : kept.properties()) {
            int memberSize = member.getValue().toString().length();
            if (member.getValue().isObject() && memberSize > largestSize) {
                largest = member.getKey();
                largestSize = memberSize;
            }
        }
        int dropped = 0;
        if (largest != null) {
            ObjectNode entries = (ObjectNode) kept.get(largest);
            List<Map.Entry<String, JsonNode>> oldestFirst = new ArrayList<>(entries.properties());
            oldestFirst.sort(Comparator.comparing(e -> time(e.getValue())));
            for (Map.Entry<String, JsonNode> e : oldestFirst) {
                if (size <= MEMORY_CHARS) {
                    break;
                }
                size -= e.getKey().length() + e.getValue().toString().length() + 4;
                entries.remove(e.getKey());
                dropped++;
            }
        }
        if (kept.toString().length() > MEMORY_CHARS) {
            say(warn, "alert \"" + alert + "\": what its evaluator remembers is larger than " + MEMORY_CHARS
                    + " characters; forgot it all, and it learns again from the next window");
            return kept.removeAll();
        }
        say(warn, "alert \"" + alert + "\": what its evaluator remembers is larger than " + MEMORY_CHARS
                + " characters; forgot the " + plural(dropped, "oldest entry") + " of \"" + largest + "\"");
        return kept;
    }

    /** Says a cut in the log, and to the pass through {@code warn}. */
    private static void say(Consumer<String> warn, String warning) {
        LOG.warn(PassReport.LOGGED_AND_REPORTED, warning);
        warn.accept(warning);
    }

    /** When a remembered entry was last seen: the entry as an instant, or its "at"; the epoch when it has neither. */
    private static Instant time(JsonNode entry) {
        JsonNode at = entry.isTextual() ? entry : entry.path("at");
        try {
            return at.isTextual() ? Instant.parse(at.asText()) : Instant.EPOCH;
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** How many notifications were folded into {@code n} before, from its note. */
    private static long folds(Notification n) {
        Matcher m = FOLDED.matcher(n.message());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * {@code text} when it has at most {@code max} characters; else cut by {@link Cut} (never inside a character),
     * saying so, with room left for the notes that may follow it, so that cutting it again leaves it as it is.
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String note = " [cut: " + text.length() + " characters in all]";
        return Cut.chars(text, Math.max(1, max - NOTES - note.length())) + note;
    }

    private static String plural(long count, String thing) {
        if (count == 1) {
            return "1 " + thing;
        }
        return count + " " + (thing.endsWith("entry") ? thing.substring(0, thing.length() - 1) + "ies" : thing + "s");
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The later of two times that may be null (no wait asked). */
    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : max(a, b);
    }
}
