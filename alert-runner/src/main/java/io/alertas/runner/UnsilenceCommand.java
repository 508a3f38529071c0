package io.alertas.runner;

import io.alertas.core.pass.SecretsNeeded;
import io.alertas.core.pass.Silence;
import io.alertas.core.pass.StateLockedException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** unsilence ID: ends a silence now and says how many firings it muted. */
final class UnsilenceCommand implements Command.OnConfig {

    @Override
    public String name() {
        return "unsilence";
    }

    @Override
    public String manual() {
        return """
                    unsilence ID         end silence ID now and say how many firings it muted
                """;
    }

    @Override
    public SecretsNeeded secretsNeeded(CommandLine line) {
        return SecretsNeeded.STATE;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Option.PLUGINS);
    }

    @Override
    public void check(CommandLine line) throws UsageException {
        if (line.names().size() != 1) {
            throw new UsageException("unsilence needs the id of a silence: unsilence ID --config DIR"
                    + " (silence --list shows them)");
        }
    }

    @Override
    public int run(CommandLine line, Context context) {
        Console console = context.console();
        String id = line.names().get(0);
        Optional<Silence> ended;
        try {
            ended = context.alertas().unsilence(id);
        } catch (StateLockedException e) {
            console.error(e.getMessage() + " for longer than a pass may take; nothing done");
            return Main.LOCKED;
        } catch (IOException e) {
            console.error("the silence could not be ended: " + Messages.firstLine(e));
            return Main.FAILED;
        }
        if (ended.isEmpty()) {
            console.error("no silence has the id \"" + id + "\"; it may have ended by itself (silence --list"
                    + " shows those in force)");
            return Main.FAILED;
        }
        Silence silence = ended.get();
        context.log().info("silence {} of alert \"{}\" ended early: {}", id, silence.alert(), silence.mutedFirings());
        console.say("silence " + id + " of alert \"" + silence.alert() + "\" (" + silence.scope() + ") ended: "
                + silence.mutedFirings());
        return Main.OK;
    }
}
