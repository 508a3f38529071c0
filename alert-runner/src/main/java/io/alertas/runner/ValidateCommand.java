package io.alertas.runner;

import io.alertas.core.pass.SecretsNeeded;
import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.ConnectionCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** validate: loads everything a pass would and reports every problem; --connect also tries the cluster and media. */
final class ValidateCommand implements Command.OnConfig {

    private static final Option<Boolean> CONNECT = Option.flag("--connect");

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String manual() {
        return """
                    validate             load everything a pass would and report every problem; a medium
                                         whose secret's variable is unset is checked without it, and
                                         named as not fully checked
                        --connect        also check the cluster (version, credentials), each active alert's index
                                         and its keyword fields, and that each medium can be reached; sends nothing
                """;
    }

    @Override
    public SecretsNeeded secretsNeeded(CommandLine line) {
        return line.has(CONNECT) ? SecretsNeeded.ALL : SecretsNeeded.NONE;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(CONNECT, Option.PLUGINS);
    }

    @Override
    public int run(CommandLine line, Context context) {
        int valid = validate(context);
        return line.has(CONNECT) ? Math.max(valid, connect(context)) : valid;
    }

    private static int validate(Context context) {
        Console console = context.console();
        if (!context.plugins().problems.isEmpty()) {
            console.complain(context.plugins().problems.size() + " plugin problem(s); the other alerts are valid");
            return Main.USAGE;
        }
        List<ConfiguredAlert> alerts = context.alertas().alerts();
        List<String> media = context.alertas().media();
        long active = alerts.stream().filter(ConfiguredAlert::active).count();
        Map<String, List<String>> unchecked = context.alertas().uncheckedMedia();
        unchecked.forEach((medium, why) -> console.complain("warning: medium \"" + medium + "\" not fully checked: "
                + String.join(", ", why) + " (set " + (why.size() == 1 ? "it" : "them")
                + ", or source alertas.env, and validate again)"));
        console.say("OK: " + alerts.size() + " alerts (" + active + " active) from "
                + alerts.stream().map(ConfiguredAlert::plugin).distinct().count() + " plugins; media: "
                + (media.isEmpty() ? "(none)" : String.join(", ", media))
                + (unchecked.isEmpty() ? "" : "; " + Counts.of(unchecked.size(), "medium", "media") + " not fully checked"));
        return Main.OK;
    }

    /** The cluster, each active alert's index and fields, each medium; 1 when any fails. */
    private static int connect(Context context) {
        List<ConnectionCheck> checks = context.alertas().checkConnections(context.clock().instant());
        List<String[]> rows = new ArrayList<>();
        for (ConnectionCheck check : checks) {
            rows.add(new String[] {check.outcome().name().toLowerCase(Locale.ROOT), check.subject(), check.text()});
        }
        context.console().table(rows);
        long problems = checks.stream().filter(c -> c.outcome() == ConnectionCheck.Outcome.PROBLEM).count();
        long warnings = checks.stream().filter(c -> c.outcome() == ConnectionCheck.Outcome.WARNING).count();
        String verdict = Counts.of(problems, "problem", "problems") + ", " + Counts.of(warnings, "warning", "warnings");
        if (problems > 0) {
            context.console().complain("connect: " + verdict + "; passes would fail where a problem is named");
            return Main.FAILED;
        }
        context.console().say("connect: " + verdict + "; nothing was sent");
        return Main.OK;
    }
}
