package io.alertas.sigma.source;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.mapping.LogSourceTarget;
import io.alertas.sigma.mapping.Mappings;
import io.alertas.sigma.query.SigmaQuery;
import io.alertas.sigma.rule.SigmaRule;
import io.alertas.sigma.rule.SigmaRules;
import io.alertas.spi.AlertDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules under some paths, read, selected, named and converted: each either an alert or a skip with its reason.
 * A rule whose reading or converting fails in any way is skipped alone; the others load.
 */
final class RuleSet {

    /** How many rule files are read into memory and parsed together: at most 64 MB of text. */
    private static final int PARSED_AT_ONCE = 64;

    /** One rule read: where from (and whether its file holds several), its alert's name, and the rule. */
    record Read(RuleFiles.RuleFile file, boolean several, String name, SigmaRule rule) {

        /** The file as shown, with the alert's name when the file holds several rules. */
        String where() {
            return file.shown() + (several ? " (" + name + ")" : "");
        }
    }

    /** A detection rule converted: what its alert searches. */
    record Converted(Read read, LogSourceTarget target, SigmaQuery.Conversion conversion) {
    }

    /** What follows the file at the start of a reader's message: its line:column, maybe, then ": ". */
    private static final Pattern PLACE = Pattern.compile("(:\\d+:\\d+)?: ");

    private final Mappings mappings;
    private final Map<String, List<String>> placeholders;
    private final Skips skips;
    private final List<Read> rules = new ArrayList<>();

    private RuleSet(Mappings mappings, Map<String, List<String>> placeholders, Skips skips) {
        this.mappings = mappings;
        this.placeholders = placeholders;
        this.skips = skips;
    }

    /**
     * Every rule under {@code roots}; what cannot be read is in {@code skips}. The files are parsed on every core
     * (YAML parsing is most of what loading SigmaHQ costs), {@link #PARSED_AT_ONCE} at a time so that the texts in
     * memory stay bounded, then named in their order.
     */
    static RuleSet read(List<Path> roots, Path configDir, Mappings mappings, Map<String, List<String>> placeholders,
            Skips skips) {
        RuleSet set = new RuleSet(mappings, placeholders, skips);
        AlertNames names = new AlertNames();
        List<RuleFiles.RuleFile> files = RuleFiles.find(roots, configDir, skips);
        for (int from = 0; from < files.size(); from += PARSED_AT_ONCE) {
            List<FileText> texts = new ArrayList<>();
            for (RuleFiles.RuleFile file : files.subList(from, Math.min(files.size(), from + PARSED_AT_ONCE))) {
                String text = RuleFiles.text(file, skips);
                if (text != null) {
                    texts.add(new FileText(file, text));
                }
            }
            for (Parsed parsed : texts.parallelStream().map(FileText::parse).toList()) {
                name(parsed, set, names, skips);
            }
        }
        return set;
    }

    private static void name(Parsed parsed, RuleSet set, AlertNames names, Skips skips) {
        RuleFiles.RuleFile file = parsed.file();
        if (parsed.refused() != null) {
            skip(file.shown(), parsed.refused(), skips);
        } else if (parsed.crash() != null) {
            skips.add(file.shown(), SigmaException.Reason.INVALID.toString(), "the reader failed (" + parsed.crash() + ")");
        } else {
            for (int i = 0; i < parsed.rules().size(); i++) {
                SigmaRule rule = parsed.rules().get(i);
                set.rules.add(new Read(file, parsed.rules().size() > 1,
                        names.name(file.file().getFileName().toString(), i + 1, rule.id()), rule));
            }
        }
    }

    /** A rule file's text, to be parsed. */
    private record FileText(RuleFiles.RuleFile file, String text) {

        Parsed parse() {
            try {
                return new Parsed(file, SigmaRules.read(file.shown(), text), null, null);
            } catch (SigmaException e) {
                return new Parsed(file, List.of(), e, null);
            } catch (RuntimeException | StackOverflowError e) {
                return new Parsed(file, List.of(), null, e.getClass().getSimpleName());
            }
        }
    }

    /** A file's rules, or why the reader refused it, or the name of what it threw. */
    private record Parsed(RuleFiles.RuleFile file, List<SigmaRule> rules, SigmaException refused, String crash) {
    }

    /**
     * Skips what {@code e} refuses; a message that starts with the file (and a line:column) as the reader names it
     * has that place as the skip's file, so the line does not name the file twice.
     */
    static void skip(String shown, SigmaException e, Skips skips) {
        String message = e.getMessage();
        Matcher place = PLACE.matcher(message);
        if (message.startsWith(shown) && place.find(shown.length()) && place.start() == shown.length()) {
            skips.add(shown + (place.group(1) == null ? "" : place.group(1)), e.reason().toString(),
                    message.substring(place.end()));
        } else {
            skips.add(shown, e.reason().toString(), message);
        }
    }

    List<Read> rules() {
        return List.copyOf(rules);
    }

    /** The rules by id and by name (the Sigma {@code name}, which correlations refer to), detection rules only. */
    Map<String, Read> references() {
        Map<String, Read> references = new LinkedHashMap<>();
        for (Read read : rules) {
            if (!read.rule().isCorrelation()) {
                if (!read.rule().id().isEmpty()) {
                    references.putIfAbsent(read.rule().id(), read);
                }
                if (read.rule().name() != null && !read.rule().name().isEmpty()) {
                    references.putIfAbsent(read.rule().name(), read);
                }
            }
        }
        return references;
    }

    /** {@code read}'s rule converted; empty, with the reason in the skips, when it cannot run. */
    Optional<Converted> convert(Read read) {
        SigmaRule rule = read.rule();
        String where = read.where();
        try {
            Optional<LogSourceTarget> target = mappings.target(rule.logSource());
            if (target.isEmpty()) {
                skips.add(where, SigmaException.Reason.UNKNOWN_LOG_SOURCE.toString(), "no index is known for "
                        + (rule.logSource() == null ? "a rule without logsource" : rule.logSource().toString()));
                return Optional.empty();
            }
            return Optional.of(new Converted(read, target.get(),
                    SigmaQuery.convert(rule, target.get().fields(), placeholders)));
        } catch (SigmaException e) {
            skip(where, e, skips);
        } catch (RuntimeException | StackOverflowError e) {
            skips.add(where, SigmaException.Reason.INVALID.toString(), "the conversion failed ("
                    + e.getClass().getSimpleName() + ")");
        }
        return Optional.empty();
    }

    /** Makes the alert of a converted detection rule, or skips it when the alert cannot be built. */
    Optional<AlertDefinition> alert(Converted converted, RuleOverride override) {
        try {
            AlertDefinition alert = SigmaAlerts.detection(converted.read().name(), converted.read().rule(), converted.target(), converted.conversion(), override);
            skips.loaded();
            return Optional.of(alert);
        } catch (RuntimeException e) {
            skips.add(converted.read().where(), SigmaException.Reason.INVALID.toString(), Text.line(e.getMessage()));
            return Optional.empty();
        }
    }
}
