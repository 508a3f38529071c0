package io.alertas.runner;

import io.alertas.core.pass.Mask;
import io.alertas.core.pass.Monitoring;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.StoredState;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pass leaves for those who watch the runner, as its "monitoring" section asks: the metrics in
 * Prometheus text format for node_exporter's textfile collector, the status page, both written whole
 * (temporary file, then rename), and a GET of the dead-man URL after a pass that succeeded, so that an
 * outside checker notices when passes stop or keep failing. None of it can fail the pass: what goes wrong
 * is returned as warnings, which never show the dead-man URL (it holds a token).
 */
final class SelfMonitoring {

    private static final Duration DEAD_MAN_TIMEOUT = Duration.ofSeconds(10);

    private final Monitoring settings;
    private final Mask mask;

    SelfMonitoring(Monitoring settings, Mask mask) {
        this.settings = settings;
        this.mask = mask;
    }

    /**
     * Writes the metrics and the page of {@code report} and the state it left ({@code state}, shown as
     * {@code status}) and pings the dead-man URL; returns what went wrong.
     */
    List<String> after(PassReport report, StoredState state, Status status) {
        List<String> warnings = new ArrayList<>();
        settings.metricsFile().ifPresent(file -> write(file, metrics(report, state, mask), "the metrics file", warnings));
        settings.statusPage().ifPresent(file -> write(file, status.html(mask), "the status page", warnings));
        if (report.succeeded()) {
            settings.deadManUrl().ifPresent(url -> ping(url, warnings));
        }
        return warnings;
    }

    /**
     * The pass and the state in Prometheus text format, made by the Prometheus client library. The names, help texts
     * and outcomes are the runner's own; a medium's name, which came from the configuration, is masked as a label
     * value, so that a secret that is a word never breaks a metric's name.
     */
    static String metrics(PassReport report, StoredState state, Mask mask) {
        PrometheusRegistry registry = new PrometheusRegistry();
        StoredState.PassRecord record = state.passes().stream().filter(p -> p.at().equals(report.now()))
                .findFirst().orElse(null);
        Counter passes = Counter.builder().name("alertas_passes").help("Passes run by this runner, by result")
                .labelNames("result").register(registry);
        if (record != null) {
            passes.labelValues("succeeded").inc(record.passes() - record.failed());
            passes.labelValues("failed").inc(record.failed());
        }
        Gauge.builder().name("alertas_last_success_timestamp_seconds")
                .help("When a pass last succeeded, in seconds since the epoch; 0 before the first").register(registry)
                .set(record == null || record.lastSuccess() == null ? 0 : seconds(record.lastSuccess()));
        Gauge.builder().name("alertas_last_pass_timestamp_seconds").help("When the last pass ran, in seconds since the epoch")
                .register(registry).set(seconds(report.now()));
        Gauge.builder().name("alertas_last_pass_duration_seconds").help("How long the last pass took")
                .register(registry).set(report.took().toMillis() / 1000.0);
        Gauge.builder().name("alertas_last_pass_succeeded").help("1 when every alert and delivery of the last pass succeeded")
                .register(registry).set(report.succeeded() ? 1 : 0);
        Gauge alerts = Gauge.builder().name("alertas_last_pass_alerts").help("Alerts of the last pass, by outcome")
                .labelNames("outcome").register(registry);
        for (PassReport.Status outcome : PassReport.Status.values()) {
            alerts.labelValues(outcome.name().toLowerCase(Locale.ROOT))
                    .set(report.alerts().stream().filter(a -> a.status() == outcome).count());
        }
        Gauge deliveries = Gauge.builder().name("alertas_last_pass_deliveries")
                .help("Notifications of the last pass, by medium and result").labelNames("medium", "result").register(registry);
        Map<String, Map<String, Long>> byMediumAndResult = new TreeMap<>();
        report.deliveries().forEach(d -> byMediumAndResult.computeIfAbsent(d.medium(), m -> new TreeMap<>())
                .merge(d.result().name().toLowerCase(Locale.ROOT), 1L, Long::sum));
        byMediumAndResult.forEach((medium, results) -> results.forEach((result, count) ->
                deliveries.labelValues(mask.mask(medium), result).set(count)));
        Gauge pending = Gauge.builder().name("alertas_pending_deliveries")
                .help("Notifications waiting to be delivered, by medium").labelNames("medium").register(registry);
        Map<String, Long> byMedium = new TreeMap<>();
        state.pending().forEach(p -> byMedium.merge(p.medium(), 1L, Long::sum));
        byMedium.forEach((medium, count) -> pending.labelValues(mask.mask(medium)).set(count));
        Gauge.builder().name("alertas_silences").help("Silences in force").register(registry)
                .set(state.silences().stream().filter(s -> s.until().isAfter(report.now())).count());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    /** Writes {@code text} whole: to a temporary file beside {@code file}, then renamed over it. */
    private static void write(Path file, String text, String what, List<String> warnings) {
        Path temp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            readableByAll(temp);
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            warnings.add(what + " " + file + " could not be written: " + Messages.firstLine(e));
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    warnings.add("the temporary file " + temp + " could not be removed: " + Messages.firstLine(e));
                }
            }
        }
    }

    /**
     * Mode 644, whatever the umask: node_exporter and a web server run as users of their own, and the files hold
     * what {@code status} prints (counts, alert names, the last errors), nothing of credentials.json. A temporary file is
     * made 600.
     */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own rules apply
        }
    }

    /** GETs the dead-man URL; what goes wrong is said without the URL. */
    private static void ping(URI url, List<String> warnings) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(DEAD_MAN_TIMEOUT).build();
        try {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(url).timeout(DEAD_MAN_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                warnings.add("the dead-man URL answered HTTP " + answer.statusCode());
            }
        } catch (IOException e) {
            warnings.add("the dead-man URL could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warnings.add("the dead-man URL was not pinged: interrupted");
        }
    }
}
