package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line read against the table of commands: values, names, and each usage message word for word. */
class CommandLineTest {

    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(args, Main.COMMANDS);
    }

    private static String refused(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void readsTheValuesOfTheCommandsOptions() throws Exception {
        CommandLine line = parse("run", "--config=/etc/alertas", "--alert", "a", "--alert=b", "--now", "2026-01-01T00:00:00Z",
                "--dry-run");

        assertEquals(Path.of("/etc/alertas"), line.dir());
        assertEquals(List.of("a", "b"), line.values(Option.ALERT));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), line.value(Option.NOW).orElseThrow());
        assertTrue(line.command() instanceof RunCommand);
    }

    @Test
    void namesTheCommandsAnOptionGoesWithInTheTablesOrder() {
        assertEquals("--connect goes with validate only", refused("list", "--config", "/c", "--connect"));
        assertEquals("--shard goes with run and serve and list only", refused("init", "d", "--shard", "1/2"));
        assertEquals("--plugins goes with run and serve and list and validate and test and backtest and silence and"
                + " unsilence and status only", refused("init", "d", "--plugins", "/p"));
    }

    @Test
    void readsABadValueBeforeItSeesAMisplacedOptionOrAMissingConfig() {
        assertEquals("--from must be an ISO-8601 instant such as 2026-11-26T10:00:00Z, not \"2026\"",
                refused("run", "--from", "2026", "--config", "/c"));
        assertEquals("list needs --config DIR", refused("list", "--shard", "1/2", "--from", "2026-01-01T00:00:00Z"));
        assertEquals("--alert needs a value", refused("run", "--config", "/c", "--alert", "--dry-run"));
    }

    @Test
    void eachCommandChecksWhatItIsGiven() {
        assertEquals("init needs the directory to write, and no --config: init DIR", refused("init", "d", "--config", "/c"));
        assertEquals("test needs the name of one alert: test NAME --config DIR", refused("test", "--config", "/c", "a", "b"));
        assertEquals("unknown option \"x\" for status", refused("status", "--config", "/c", "x"));
        assertEquals("--json goes with silence --list, status and backtest only",
                refused("silence", "--config", "/c", "a", "--for", "2h", "--json"));
        assertEquals("--listen's port must be from 1 to 65535, not \":99999\"",
                refused("serve", "--config", "/c", "--listen", ":99999"));
        assertEquals("unknown command \"frob\"; commands: run, serve, init, list, validate, test, backtest, silence,"
                + " unsilence, status, sigma", refused("frob"));
        assertEquals("sigma needs check and the rule files or folders: sigma check PATH...", refused("sigma", "check"));
        assertEquals("sigma check reads no config dir; give the rule files or folders: sigma check PATH...",
                refused("sigma", "check", "rules", "--config", "/c"));
    }

    @Test
    void helpAnywhereAsksForTheManualWhoseCommandsAreTheCommandsOwnEntries() throws Exception {
        assertTrue(parse("status", "-h", "--bogus").help());
        assertEquals("unknown option \"--bogus\" for run", refused("run", "--bogus", "--help"));
        String manual = Manual.text(Main.COMMANDS);
        assertTrue(manual.contains("\nCOMMANDS\n    run                  one pass over every active alert, then exit\n"), manual);
        assertTrue(manual.contains("        --json           the same as JSON\n\nOPTIONS OF EVERY COMMAND BUT INIT AND SIGMA CHECK\n"), manual);
    }
}
