package io.alertas.core.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.Finding;
import io.alertas.spi.Notification;
import io.alertas.spi.Severity;
import io.alertas.spi.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetsTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:15:00Z");

    @TempDir
    Path dir;

    private static State.Pending failed(int pass, String message, String... keys) {
        Instant at = NOW.plusSeconds(60L * pass);
        List<Finding> findings = java.util.Arrays.stream(keys).map(k -> Finding.of(k, "seen at pass " + pass)).toList();
        Notification n = Notification.builder("big_message", Severity.WARNING, message, Window.of(at.minusSeconds(60), at), at)
                .findings(findings).build();
        return new State.Pending("slack", n, "Big message", at, 1, "slack answered 503");
    }

    @Test
    void aMediumThatStaysDownKeepsOneNotificationPerAlertWithItsMessageCut() throws Exception {
        State state = new State();
        String eightMegabytes = "x".repeat(8 << 20);
        for (int pass = 0; pass < 16; pass++) {
            state.queue(failed(pass, eightMegabytes));
        }

        assertEquals(1, state.pending().size());
        Notification kept = state.pending().get(0).notification();
        assertTrue(kept.message().length() <= Budgets.MESSAGE_CHARS, "cut: " + kept.message().length());
        assertTrue(kept.message().endsWith("… [cut: 8388608 characters in all]\n(with 15 earlier notifications not"
                + " delivered folded in)"), kept.message().substring(kept.message().length() - 200));
        assertEquals(Window.of(NOW.minusSeconds(60), NOW.plusSeconds(15 * 60)), kept.window(), "spans every firing");

        new FileStateStore(dir, Clock.fixed(NOW, ZoneOffset.UTC)).save(state);
        long size = Files.size(dir.resolve(FileStateStore.FILE));
        assertTrue(size < 64 * 1024, "the state holds " + size + " bytes");
    }

    @Test
    void theFindingsOfFoldedNotificationsAreAllKeptNewestFirstAndNamed() {
        State state = new State();
        for (int pass = 0; pass < 16; pass++) {
            state.queue(failed(pass, "1 host scanned", "host-" + pass));
        }

        assertEquals(1, state.pending().size());
        Notification kept = state.pending().get(0).notification();
        assertEquals(16, kept.findings().size(), "no finding is lost");
        assertEquals("host-15", kept.findings().get(0).key());
        assertTrue(kept.message().startsWith("Big message: host-15, host-14, "), kept.message());
        assertTrue(kept.message().endsWith("\n(with 15 earlier notifications not delivered folded in)"), kept.message());
    }

    @Test
    void theCountOfFoldedNotificationsHoldsWhenFindingsWereLeftOut() {
        State state = new State();
        String[] many = new String[Budgets.FINDINGS + 1];
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < many.length; i++) {
                many[i] = "p" + pass + "-" + i;
            }
            state.queue(failed(pass, "scan", many));
        }

        String message = state.pending().get(0).notification().message();
        assertTrue(message.contains("\n(with 2 earlier notifications not delivered folded in)"), message);
    }

    @Test
    void findingsAMediumAcceptedBeforeAFoldAreNotToldAgainAndTheLaterWaitHolds() {
        State state = new State();
        State.Pending partly = failed(0, "scan", "a", "b");
        state.queue(new State.Pending("slack", partly.notification(), "Big message", NOW, 1, "slack answered 429",
                java.util.Set.of("a"), NOW.plusSeconds(3600)));
        state.queue(failed(1, "scan", "c"));
        State.Pending blownUp = failed(2, "x".repeat(Budgets.MESSAGE_CHARS * 2), "d");
        state.queue(new State.Pending("slack", blownUp.notification(), "Big message", NOW, 1, "down",
                java.util.Set.of("d"), NOW.plusSeconds(60)));

        assertEquals(1, state.pending().size());
        State.Pending kept = state.pending().get(0);
        assertEquals(java.util.Set.of("a", "d"), kept.accepted(), "what was accepted stays accepted");
        assertEquals(NOW.plusSeconds(3600), kept.notBefore(), "the later Retry-After holds");
    }

    @Test
    void aResolvedNotificationWaitsBesideTheFiredOneAndAnotherMediumBesideBoth() {
        State state = new State();
        State.Pending fired = failed(0, "fired", "a");
        Notification resolved = fired.notification().toBuilder().resolved(true).build();
        state.queue(fired);
        state.queue(new State.Pending("slack", resolved, "Big message", NOW, 1, "down"));
        state.queue(new State.Pending("email", fired.notification(), "Big message", NOW, 1, "down"));

        assertEquals(3, state.pending().size());
    }

    @Test
    void findingsPastTheBudgetAreLeftOutAndCountedAndNoCutSplitsACharacter() {
        State state = new State();
        String[] keys = new String[Budgets.FINDINGS + 5];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "k" + i;
        }
        state.queue(failed(0, "😀".repeat(Budgets.MESSAGE_CHARS), keys));

        Notification kept = state.pending().get(0).notification();
        assertEquals(Budgets.FINDINGS, kept.findings().size());
        assertTrue(kept.message().endsWith("\n(5 more findings not kept while the medium was down)"), kept.message());
        String text = kept.message().substring(0, kept.message().indexOf('…'));
        assertEquals(text.length() / 2, text.codePointCount(0, text.length()), "only whole emoji");
    }

    @Test
    void throttledKeysPastTheBudgetForgetTheOldestTenthWithAWarningNamingTheAlert() {
        State state = new State();
        for (int i = 0; i <= Budgets.THROTTLE_KEYS; i++) {
            state.delivered("scan", "slack", "ip-" + i, NOW.plusSeconds(i));
        }

        var keys = state.throttles().get("scan").get("slack");
        assertEquals(Budgets.THROTTLE_KEYS * 9 / 10, keys.size());
        assertFalse(keys.containsKey("ip-0"), "the oldest is forgotten");
        assertTrue(keys.containsKey("ip-" + Budgets.THROTTLE_KEYS), "the newest is kept");
        assertEquals(List.of("alert \"scan\" has more than 10000 keys throttled on slack; forgot the throttle of the"
                + " 1001 delivered longest ago, which may be told again"), state.warnings());
    }

    @Test
    void aMemoryPastTheBudgetKeepsItsNewestEntriesWithAWarningNamingTheAlert() {
        ObjectNode memory = JsonNodeFactory.instance.objectNode();
        ObjectNode values = memory.putObject("values");
        for (int i = 0; i < 20_000; i++) {   // a change rule's last value per group, as it stores them
            values.putObject("group-" + i).put("value", "v".repeat(80)).put("at", NOW.plusSeconds(i).toString());
        }
        State state = new State();

        state.memory("config_changed", memory);

        ObjectNode kept = (ObjectNode) state.memory("config_changed").orElseThrow();
        assertTrue(kept.toString().length() <= Budgets.MEMORY_CHARS, "kept " + kept.toString().length());
        assertTrue(kept.path("values").has("group-19999"), "the newest is kept");
        assertFalse(kept.path("values").has("group-0"), "the oldest is forgotten");
        assertEquals(1, state.warnings().size());
        assertTrue(state.warnings().get(0).startsWith("alert \"config_changed\": what its evaluator remembers is larger"
                + " than 1048576 characters; forgot the "), state.warnings().get(0));
    }
}
