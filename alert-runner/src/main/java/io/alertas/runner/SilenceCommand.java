package io.alertas.runner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alertas.core.pass.SecretsNeeded;
import io.alertas.core.pass.Silence;
import io.alertas.core.pass.StateLockedException;
import io.alertas.core.pass.StoredState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** silence NAME [KEY] --for: sends nothing for an alert (or one of its keys) for a while; --list, those in force. */
final class SilenceCommand implements Command.OnConfig {

    private static final Option<Duration> FOR = Option.duration("--for");
    private static final Option<String> REASON = Option.text("--reason");
    private static final Option<Boolean> LIST = Option.flag("--list");

    @Override
    public String name() {
        return "silence";
    }

    @Override
    public String manual() {
        return """
                    silence NAME [KEY] --for DURATION [--reason TEXT]
                                         send nothing for alert NAME (only its finding KEY, if given) for DURATION
                        --list           the silences in force (--json for JSON)
                """;
    }

    @Override
    public SecretsNeeded secretsNeeded(CommandLine line) {
        return SecretsNeeded.STATE;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Option.JSON, FOR, REASON, LIST, Option.PLUGINS);
    }

    @Override
    public void check(CommandLine line) throws UsageException {
        boolean list = line.has(LIST);
        if (list && (!line.names().isEmpty() || line.has(FOR))) {
            throw new UsageException("silence --list takes no name and no --for");
        }
        if (!list && (line.names().isEmpty() || line.names().size() > 2 || !line.has(FOR))) {
            throw new UsageException("silence needs an alert, maybe a key, and how long: silence NAME [KEY]"
                    + " --for 2h --config DIR");
        }
        if (line.has(Option.JSON) && !list) {
            throw new UsageException("--json goes with silence --list, status and backtest only");
        }
    }

    @Override
    public int run(CommandLine line, Context context) {
        return line.has(LIST) ? list(line, context) : silence(line, context);
    }

    private static int silence(CommandLine line, Context context) {
        String name = line.names().get(0);
        if (context.unknown(name)) {
            return Main.USAGE;
        }
        String key = line.names().size() > 1 ? line.names().get(1) : null;
        Silence silence;
        try {
            silence = context.alertas().silence(name, key, context.clock().instant().plus(line.value(FOR).orElseThrow()),
                    line.value(REASON).orElse(""));
        } catch (StateLockedException e) {
            context.console().error(e.getMessage() + " for longer than a pass may take; nothing done");
            return Main.LOCKED;
        } catch (IOException e) {
            context.console().error("the silence could not be kept: " + Messages.firstLine(e));
            return Main.FAILED;
        }
        context.log().info("silence {} of alert \"{}\" ({}) until {} by {}: {}", silence.id(), name, silence.scope(),
                silence.until(), System.getProperty("user.name"), silence.reason());
        context.console().say("silenced alert \"" + name + "\" (" + silence.scope() + ") until " + Instants.text(silence.until())
                + "; id " + silence.id() + " (unsilence " + silence.id() + " ends it sooner)");
        return Main.OK;
    }

    /** --list: the silences in force. */
    private static int list(CommandLine line, Context context) {
        Optional<StoredState> state = context.stored();
        if (state.isEmpty()) {
            return Main.FAILED;
        }
        Instant now = context.clock().instant();
        List<Silence> silences = state.get().silences().stream().filter(s -> s.until().isAfter(now)).toList();
        if (line.has(Option.JSON)) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            silences.forEach(s -> list.add(Status.silenceJson(s)));
            context.console().json(list);
        } else if (silences.isEmpty()) {
            context.console().say("no silence is in force");
        } else {
            silences.forEach(s -> context.console().say(Status.silence(s)));
        }
        return Main.OK;
    }
}
