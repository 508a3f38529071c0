package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertas.core.internal.state.FileStateStore;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runner killed with SIGKILL at random moments of real passes: afterwards the state is
 * always readable, a killed runner's lock never blocks the next pass, every firing is delivered at least
 * once, and a notification is sent again only for a pass killed after it sent and before it recorded: no
 * more notifications repeat a finding than passes were killed. The kill moments are spread over the time a whole pass takes on this
 * machine, measured first, so that a slow or busy machine gets the same mix of early and late kills; the
 * notifications go by email, which lists every finding, so every delivery can be counted.
 */
@ExtendWith(ElasticsearchExtension.class)
class RunnerKillIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Path JAR = Path.of(System.getProperty("alertas.runner.jar", "target/alert-runner.jar"));
    private static final int EVENTS = 40;
    private static final int KILLS = 30;
    private static final String INDEX = "winlogbeat-kill-test";
    /** A finding's line in an email's text: "- KEY: TEXT". */
    private static final Pattern FINDING = Pattern.compile("^- (Domain Admins:user-\\d\\d): ");
    private static final String MEMBER_ADDED = """
            {"@timestamp":"{{now%+ds}}","event":{"code":"4728","action":"added-member-to-group","module":"security"},"winlog":{"channel":"Security","event_id":"4728","event_data":{"TargetUserName":"Domain Admins","MemberName":"CN=user-%02d,OU=Staff,DC=corp,DC=local"}},"group":{"name":"Domain Admins"},"user":{"name":"admin","target":{"name":"user-%02d"}},"host":{"name":"dc01.corp.local"}}
            """;

    @Test
    void killedPassesNeitherCorruptTheStateNorLoseOrMultiplyNotifications(ElasticsearchNode node, @TempDir Path dir)
            throws Exception {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            events.append(MEMBER_ADDED.formatted(i * 60 - 90, i, i));   // in the window of the pass at minute i
        }
        node.createIndex(INDEX, Fixtures.json(RunnerKillIT.class, "/demo/winlogbeat-mapping.json"));
        node.index(INDEX, Fixtures.parse(events.toString(), TestingConfig.NOW, "member added"));

        TestingConfig config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/unused"), SMTP.getSmtp().getPort());
        config.credentials.remove("slack");
        config.writeCredentials();
        config.alerts(Map.of("privileged_group_member_added",
                Map.of("index", INDEX, "media", List.of("email"), "throttle_period", "1d")));
        // a first pass, a minute early, starts the alert's checkpoint before any event, and says how long a pass takes
        long started = System.nanoTime();
        assertEquals(0, runner(dir, TestingConfig.NOW.minusSeconds(60)).waitFor());
        long pass = (System.nanoTime() - started) / 1_000_000;
        Random random = new Random(20261126);
        int kills = 0;
        int minute = 0;
        while (kills < KILLS || minute < EVENTS) {
            Process runner = runner(dir, TestingConfig.NOW.plusSeconds(60L * minute++));
            if (!runner.waitFor((long) (pass * 1.2 * random.nextDouble()), TimeUnit.MILLISECONDS)) {
                runner.destroyForcibly().waitFor();
                kills++;
            } else {
                assertEquals(0, runner.exitValue(), "a pass that was not killed succeeds");
            }
            assertStateReadable(dir);
            assertTrue(minute < 200, "enough passes were killed");
        }
        Process last = runner(dir, TestingConfig.NOW.plusSeconds(60L * (minute + 1)));
        assertEquals(0, last.waitFor(), "a killed runner's lock does not block the next pass");

        List<String> mails = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            mails.add((String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent());
        }
        Set<String> told = new HashSet<>();
        int repeats = 0;
        for (String mail : mails) {
            List<String> keys = mail.lines().map(FINDING::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
            repeats += keys.stream().anyMatch(told::contains) ? 1 : 0;
            told.addAll(keys);
        }
        for (int i = 0; i < EVENTS; i++) {
            String key = "Domain Admins:user-%02d".formatted(i);
            assertTrue(told.contains(key), key + " was never delivered");
        }
        assertTrue(repeats <= kills, repeats + " notifications repeated a finding, more than the " + kills
                + " passes killed: a delivery was not recorded by a pass that was not killed");
        System.out.printf("kill test: a pass takes %d ms; %d of %d passes killed; %d of %d notifications repeated"
                + " a finding%n", pass, kills, minute, repeats, mails.size());
    }

    /** The packaged runner's pass at {@code now} on the config in {@code dir}, as a process of its own. */
    static Process runner(Path dir, Instant now) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "run", "--config", dir.toString(), "--now", now.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void assertStateReadable(Path dir) throws Exception {
        new FileStateStore(dir, Clock.systemUTC()).load();
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".corrupt-")), "the state was never corrupt");
        }
    }
}
