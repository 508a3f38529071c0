package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A digest of ten minutes over passes of the packaged runner killed with SIGKILL: one while its search hangs,
 * before it gathered anything; one at a moment of its pass; and the pass that sends the digest, right after it
 * sent and recorded it (its search hangs after). Each killed pass is run again at its minute, as cron's next
 * try would; the passes not killed run in this JVM. The receiver gets exactly one digest, naming every key with the number of windows it fired in.
 */
@ExtendWith(ElasticsearchExtension.class)
class DigestKillIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String INDEX = "winlogbeat-digest-kill-test";
    /** The start of the period holding NOW, 10:10; the first pass runs a minute before NOW. */
    private static final Instant START = TestingConfig.NOW.minusSeconds(300);
    /** A finding's line in an email's text: "- KEY: COUNT firing(s) ...". */
    private static final Pattern FINDING = Pattern.compile("^- Domain Admins:(user-\\d\\d): (\\d+) firings? ");
    private static final String MEMBER_ADDED = """
            {"@timestamp":"{{now%+ds}}","event":{"code":"4728","action":"added-member-to-group","module":"security"},"winlog":{"channel":"Security","event_id":"4728","event_data":{"TargetUserName":"Domain Admins","MemberName":"CN=%s,OU=Staff,DC=corp,DC=local"}},"group":{"name":"Domain Admins"},"user":{"name":"admin","target":{"name":"%s"}},"host":{"name":"dc01.corp.local"}}
            """;

    @Test
    void aDigestOutlivesKilledPassesAndIsSentOnce(ElasticsearchNode node, @TempDir Path dir) throws Exception {
        StringBuilder events = new StringBuilder();
        // seconds after NOW (10:15), each in the window of one pass: user-00 in three, user-01 in one, user-02 twice in one
        Map<Integer, String> at = new TreeMap<>(Map.of(-30, "user-00", 30, "user-01", 40, "user-00", 90, "user-00",
                140, "user-02", 160, "user-02"));
        at.forEach((second, user) -> events.append(MEMBER_ADDED.formatted(second, user, user)));
        node.createIndex(INDEX, Fixtures.json(DigestKillIT.class, "/demo/winlogbeat-mapping.json"));
        node.index(INDEX, Fixtures.parse(events.toString(), TestingConfig.NOW, "member added"));

        TestingConfig config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/unused"), SMTP.getSmtp().getPort());
        config.credentials.remove("slack");
        config.writeCredentials();
        config.alerts(Map.of("privileged_group_member_added", Map.of("index", INDEX, "media", List.of("email"),
                "throttle_period", "1m", "query_delay", "0s", "digest", "10m")));

        run(config, TestingConfig.NOW.minusSeconds(60));   // the first pass starts the checkpoint
        run(config, at(0));
        try (TestingSlowProxy proxy = new TestingSlowProxy(node, INDEX)) {
            killWhileSearching(config, node, proxy, at(1));
        }
        run(config, at(1));   // the killed pass's minute, run again
        Process killed = RunnerKillIT.runner(dir, at(2));
        if (!killed.waitFor(1500, TimeUnit.MILLISECONDS)) {
            killed.destroyForcibly().waitFor();
        }
        run(config, at(2));
        run(config, at(3));
        run(config, at(4));
        assertEquals(0, SMTP.getReceivedMessages().length, "nothing is sent before the period ends");
        TestingConfig.Result status = config.run("status");
        assertTrue(status.out().contains("privileged_group_member_added on email: 5 firings of 3 keys since " + START
                + ", sent at " + at(5)), status.out());

        try (TestingSlowProxy proxy = new TestingSlowProxy(node, INDEX)) {
            // the digest goes out in its lane beside the search: killed once it is delivered and its journal line written
            killWhileSearching(config, node, proxy, at(5), () -> Files.exists(dir.resolve("throttle_period.json.journal")));
        }
        assertEquals(1, SMTP.getReceivedMessages().length, "the digest was sent before its pass was killed");
        run(config, at(5));   // the killed pass's minute, run again
        run(config, at(6));

        List<String> mails = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            mails.add((String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent());
        }
        assertEquals(1, mails.size(), "one digest, not sent again after the kill: " + mails);
        Map<String, Integer> counts = new TreeMap<>();
        mails.get(0).lines().map(FINDING::matcher).filter(Matcher::find)
                .forEach(m -> counts.put(m.group(1), Integer.parseInt(m.group(2))));
        assertEquals(Map.of("user-00", 3, "user-01", 1, "user-02", 1), counts, mails.get(0));
        assertTrue(mails.get(0).contains("digest of 10m from 2026-05-04T10:10:00Z to 2026-05-04T10:20:00Z: 5 firings of 3 keys"),
                mails.get(0));
    }

    /** A pass at {@code now} in this JVM, as only the passes killed need a process of their own. */
    private static void run(TestingConfig config, Instant now) {
        TestingConfig.Result result = config.run("run", "--now", now.toString());
        assertEquals(0, result.exit(), result.out() + result.err());
    }

    /** The pass at minute {@code minute} after 10:15. */
    private static Instant at(int minute) {
        return TestingConfig.NOW.plusSeconds(60L * minute);
    }

    /** Runs a pass at {@code now} through {@code proxy} and kills it once its search hangs there; the cluster's URL is put back. */
    private static void killWhileSearching(TestingConfig config, ElasticsearchNode node, TestingSlowProxy proxy, Instant now)
            throws Exception {
        killWhileSearching(config, node, proxy, now, () -> true);
    }

    /** Kills the pass at {@code now} once its search reached the proxy and {@code ready} (within a minute). */
    private static void killWhileSearching(TestingConfig config, ElasticsearchNode node, TestingSlowProxy proxy, Instant now,
            BooleanSupplier ready) throws Exception {
        config.credentials.with("elasticsearch").put("url", proxy.url().toString()).put("allow_http_credentials", true);
        config.writeCredentials();
        Process runner = RunnerKillIT.runner(config.dir, now);
        try {
            assertTrue(proxy.awaitHolding(60), "the pass's search reached the proxy");
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!ready.getAsBoolean() && System.nanoTime() - until < 0) {
                Thread.sleep(20);
            }
        } finally {
            runner.destroyForcibly().waitFor();
            config.credentials.set("elasticsearch", node.credentials());
            config.writeCredentials();
        }
    }
}
