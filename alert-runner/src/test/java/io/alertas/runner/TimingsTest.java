package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.core.internal.Timings;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServer;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** run --timings: after the summary, the time of each phase of the run, and their sum. */
@ExtendWith(ElasticsearchExtension.class)
class TimingsTest {

    @Test
    void aPassSaysWhereItSpentItsTimeByPhase(ElasticsearchNode node, @TempDir Path dir) {
        TestingConfig.indexFixtures(node);
        try (RecordingHttpServer slack = RecordingHttpServer.start()) {
            TestingConfig config = new TestingConfig(dir, node, slack.url(TestingConfig.WEBHOOK_PATH), 25);
            config.credentials.remove("email");
            config.writeCredentials();

            TestingConfig.Result result = config.run("run", "--timings", "--now", TestingConfig.NOW.toString());

            assertEquals(0, result.exit(), result.err());
            List<String> lines = result.out().lines().filter(l -> l.startsWith("timings")).toList();
            assertEquals(Timings.Phase.values().length + 1, lines.size(), result.out());
            long sum = 0;
            Pattern row = Pattern.compile("timings +(.+?) +(\\d+) ms");
            for (int i = 0; i < Timings.Phase.values().length; i++) {
                Matcher m = row.matcher(lines.get(i));
                assertTrue(m.matches() && m.group(1).equals(Timings.Phase.values()[i].label()), lines.get(i));
                sum += Long.parseLong(m.group(2));
            }
            Matcher total = Pattern.compile("timings +sum +(\\d+) ms").matcher(lines.get(lines.size() - 1));
            assertTrue(total.matches(), result.out());
            long said = Long.parseLong(total.group(1));
            assertTrue(said >= sum && said <= sum + Timings.Phase.values().length, "the sum of the rows, each cut to ms: " + result.out());
            assertTrue(slack.requests().size() > 0, "the pass delivered, so delivery was timed");
        }
    }
}
