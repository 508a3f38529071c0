package io.alertas.testkit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.Alertas;
import io.alertas.core.AlertasException;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.StateLockedException;
import io.alertas.spi.AlertModule;
import io.alertas.spi.Finding;
import io.alertas.spi.MediumProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Assertions;

/**
 * Runs one alert of a plugin against a real Elasticsearch the way a pass does (query template, window,
 * evaluator) without sending anything: what an alert author needs to test an alert.
 *
 * <p>The module is found with {@link ServiceLoader}, which also proves the plugin's services file.
 */
public final class AlertTester {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertModule module;
    private final ElasticsearchNode node;
    private final ObjectNode settings = JSON.createObjectNode();

    private AlertTester(AlertModule module, ElasticsearchNode node) {
        this.module = module;
        this.node = node;
    }

    /** A tester for the module of class {@code moduleClass}, as ServiceLoader finds it. */
    public static AlertTester of(Class<? extends AlertModule> moduleClass, ElasticsearchNode node) {
        for (AlertModule module : ServiceLoader.load(AlertModule.class, moduleClass.getClassLoader())) {
            if (module.getClass() == moduleClass) {
                return new AlertTester(module, requireNonNull(node, "node is null"));
            }
        }
        throw new IllegalStateException(moduleClass.getName() + " is not listed in "
                + "META-INF/services/" + AlertModule.class.getName());
    }

    /** Sets {@code alerts.json} settings of {@code alert}, such as {@code "index"} or {@code "params"}. */
    public AlertTester set(String alert, Map<String, ?> alertSettings) {
        settings.set(alert, JSON.valueToTree(alertSettings));
        return this;
    }

    /**
     * Asserts that {@code alert} fires at {@code now} with a message containing {@code text}, as its first
     * notification would read (the summary and the keys of the findings), and returns its findings (empty for
     * an alert that reports none).
     */
    public List<Finding> assertFires(String alert, Instant now, String text) {
        PassReport.AlertOutcome outcome = evaluate(alert, now);
        Assertions.assertEquals(PassReport.Status.FIRED, outcome.status(), () -> alert + " should fire at " + now
                + (outcome.error() == null ? "" : " but failed: " + outcome.error()));
        String message = outcome.evaluation().message(outcome.evaluation().findings());
        Assertions.assertTrue(message.contains(text),
                () -> alert + " fired with \"" + message + "\", not containing \"" + text + "\"");
        return outcome.evaluation().findings();
    }

    /** Asserts that {@code alert} stays quiet at {@code now}. */
    public void assertQuiet(String alert, Instant now) {
        PassReport.AlertOutcome outcome = evaluate(alert, now);
        Assertions.assertEquals(PassReport.Status.QUIET, outcome.status(), () -> alert + " should stay quiet at " + now
                + (outcome.evaluation() != null ? " but fired: " + outcome.evaluation().message()
                        : " but failed: " + outcome.error()));
    }

    /** Asserts that {@code alert} fires at {@code now} reporting exactly these finding keys, in this order. */
    public void assertKeys(String alert, Instant now, String... keys) {
        List<String> reported = assertFires(alert, now, "").stream().map(Finding::key).toList();
        Assertions.assertEquals(List.of(keys), reported, () -> alert + " reported other keys");
    }

    /** Evaluates {@code alert} as a pass at {@code now} would, on its first run: nothing is sent. */
    public PassReport.AlertOutcome evaluate(String alert, Instant now) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("alertas-tester");
            ObjectNode credentials = JSON.createObjectNode();
            credentials.set("elasticsearch", node.credentials());
            credentials.putObject("slack").put("webhook_url", "http://127.0.0.1:9/never-called");
            Files.writeString(dir.resolve("credentials.json"), credentials.toString());
            Files.writeString(dir.resolve("alerts.json"), settings.toString());
            Alertas.Builder alertas = Alertas.builder().configDir(dir).module(module)
                    .clock(Clock.fixed(now, ZoneOffset.UTC));
            ServiceLoader.load(MediumProvider.class).forEach(alertas::mediumProvider);
            PassReport report = alertas.build().runPass(PassOptions.all().only(Set.of(alert)).dryRun(true).at(now));
            return report.alerts().get(0);
        } catch (AlertasException e) {
            throw new IllegalStateException("the alert's configuration is wrong:\n" + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StateLockedException e) {
            throw new IllegalStateException(e);
        } finally {
            Trees.delete(dir);
        }
    }
}
