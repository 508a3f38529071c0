package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every duration and count a team writes, and every number on the command line, is checked against a sane
 * bound where it is read: one line naming the place, exit 2, nothing run or changed.
 */
@ExtendWith(ElasticsearchExtension.class)
class BoundsTest {

    private static final String STATE = "{\"format\": 1, \"checkpoints\": {\"cpu_high\": \"2026-05-04T10:00:00Z\"}}";

    private TestingConfig config;

    @BeforeEach
    void setUp(ElasticsearchNode node, @TempDir Path dir) {
        TestingConfig.indexFixtures(node);
        config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/hook"), 25);
    }

    /** The lines of {@code err} that name a config file. */
    private static String placed(String err) {
        return err.lines().filter(l -> l.startsWith("alerts")).map(l -> l + "\n").reduce("", String::concat);
    }

    @Test
    void durationsAndCountsPastTheirBoundsAreRefusedAtTheirPlace() {
        config.write("alerts.json", """
                {
                  "cpu_high": {"throttle_period": "106751991167300d", "query_delay": "99999999999999999999d"},
                  "host_silent": {"max_catchup": 0, "throttle_period": 1e12},
                  "failed_logon_burst": {"params": {"threshold": 1e30}},
                  "error_log_spike": {"params": {"baseline_minutes": 100000000000}}
                }
                """);
        config.write("alerts.d/logon_burst.json", """
                {
                  "type": "frequency",
                  "index": "winlogbeat-runner-test",
                  "group_by": ["host.name"],
                  "timeframe": "5000d",
                  "threshold": 2
                }
                """);
        config.write("throttle_period.json", STATE);

        for (String command : List.of("validate", "run")) {
            TestingConfig.Result result = config.run(command);

            assertEquals(2, result.exit(), command + ": " + result.out() + result.err());
            assertEquals("""
                    alerts.d/logon_burst.json:5:3: alert "logon_burst": "timeframe" must be at most 1095d (3 years), not "5000d"
                    alerts.json:4:37: alert "failed_logon_burst": param "threshold": must be at most 1000000000000000 in size, not 1.0E30
                    alerts.json:2:16: alert "cpu_high": "throttle_period" must be at most 1095d (3 years), not "106751991167300d"
                    alerts.json:2:55: alert "cpu_high": "query_delay" must be at most 1095d (3 years), not "99999999999999999999d"
                    alerts.json:3:37: alert "host_silent": "throttle_period" must be at most 1095d (3 years), not 1.0E12
                    alerts.json:3:19: alert "host_silent": "max_catchup" must be longer than 0
                    alerts.json:5:34: alert "error_log_spike": param "baseline_minutes": must be between 1 and 1576800, not 100000000000
                    """, placed(result.err()), command + ": " + result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
            assertEquals(STATE, config.read("throttle_period.json"), "state unchanged");
        }
    }

    @Test
    void theCommandLinesNumbersAreCheckedWithOneLine() {
        Map<List<String>, String> cases = Map.of(
                List.of("silence", "cpu_high", "--for", "99999999999999999999d"),
                "alert-runner: --for must be at most 1095d (3 years), not \"99999999999999999999d\"",
                List.of("silence", "cpu_high", "--for", "1000000000d"),
                "alert-runner: --for must be at most 1095d (3 years), not \"1000000000d\"",
                List.of("silence", "cpu_high", "--for", "0m"),
                "alert-runner: --for must be longer than 0",
                List.of("backtest", "--from", "2026-05-04T00:00:00Z", "--step", "99999999999999999999s"),
                "alert-runner: --step must be at most 1095d (3 years), not \"99999999999999999999s\"",
                List.of("serve", "--listen", "127.0.0.1:99999"),
                "alert-runner: --listen's port must be from 1 to 65535, not \"127.0.0.1:99999\"",
                List.of("run", "--now", "+999999999-01-01T00:00:00Z"),
                "alert-runner: --now must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, not \"+999999999-01-01T00:00:00Z\"");
        cases.forEach((args, expected) -> {
            TestingConfig.Result result = config.run(args.toArray(new String[0]));

            assertEquals(2, result.exit(), args + ": " + result.err());
            assertEquals(expected, result.err().lines().findFirst().orElse(""), args + ": " + result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
        });
    }

    @Test
    void aBacktestTooLongIsRefusedWithAnEstimateUnlessForced() {
        TestingConfig.Result result = config.run("backtest", "cpu_high", "--from", "2016-01-01T00:00:00Z",
                "--to", "2026-01-01T00:00:00Z", "--step", "1s");

        assertEquals(2, result.exit(), result.out() + result.err());
        assertEquals("alert-runner: this backtest replays 315,619,200 windows (315,619,200 for each of 1 alert, a pass every"
                + " 1s): at about 1 ms a window that is at least 4 days; take a shorter range or a longer --step, or add"
                + " --force to run it all the same\n", result.err());
    }
}
