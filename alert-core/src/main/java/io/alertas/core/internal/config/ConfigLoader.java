package io.alertas.core.internal.config;

import static java.util.Objects.requireNonNull;

import io.alertas.core.pass.SecretsNeeded;
import io.alertas.core.internal.Alert;
import io.alertas.core.internal.PassTimeout;
import io.alertas.core.internal.Timings;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.history.HistorySetting;
import io.alertas.core.internal.secrets.MaskedMedium;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.internal.state.StateSetting;
import io.alertas.core.pass.Monitoring;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertSource;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a config directory ({@code credentials.json}, {@code alerts.json}, {@code alerts.d/}, {@code queries/})
 * against the loaded plugins and media providers, and reports every problem it finds, not just the first.
 * Each file is read by its own part: {@link Credentials}, {@link AlertsFile}, {@link JsonAlerts} and
 * {@link AlertQueries}, all on one {@link SettingReader}; {@link Wiring} then builds the client and the media
 * the checked settings describe.
 */
public final class ConfigLoader {

    public static final String CREDENTIALS = "credentials.json";
    public static final String ALERTS = "alerts.json";
    public static final String QUERIES = "queries";
    /** The module that the alerts of alerts.d/ are listed under; each one's jar is its file there. */
    public static final String ALERTS_D = JsonAlerts.MODULE;

    private final Path dir;
    private final Function<String, String> environment;
    private Timings timings = new Timings();
    private Clock clock = Clock.systemUTC();
    private List<AlertSource> sources = List.of();
    private SecretsNeeded secretsNeeded = SecretsNeeded.ALL;

    /** A loader for {@code dir} that reads {@code "${NAME}"} values from {@code environment}. */
    public ConfigLoader(Path dir, Function<String, String> environment) {
        this.dir = requireNonNull(dir, "dir is null");
        this.environment = requireNonNull(environment, "environment is null");
    }

    /** A loader for {@code dir} that reads {@code "${NAME}"} values from the process environment. */
    public ConfigLoader(Path dir) {
        this(dir, System::getenv);
    }

    /** Counts the building of the cluster's client (its TLS context) to {@code timings}; returns this loader. */
    public ConfigLoader timings(Timings timings) {
        this.timings = requireNonNull(timings, "timings is null");
        return this;
    }

    /** Gives the media the clock they read the time from (the system's UTC clock by default); returns this loader. */
    public ConfigLoader clock(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        return this;
    }

    /** Requires the {@code "${NAME}"} values of {@code needed} only ({@link SecretsNeeded#ALL} by default); returns this loader. */
    public ConfigLoader secretsNeeded(SecretsNeeded needed) {
        this.secretsNeeded = requireNonNull(needed, "needed is null");
        return this;
    }

    /** Reads the alerts of {@code sources}, each from its own file ({@link AlertSources}); returns this loader. */
    public ConfigLoader sources(List<AlertSource> sources) {
        this.sources = List.copyOf(sources);
        return this;
    }

    /**
     * The configuration of a program that gives its cluster, alerts and media in code and reads no file: each
     * alert as its plugin defines it, every medium given for alerts that name none.
     *
     * @throws ConfigException listing every problem found, such as an alert naming a medium not given
     */
    public static Configuration inCode(ElasticsearchClient cluster, List<Plugin> plugins, Map<String, Medium> media,
            Secrets secrets) throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        List<Alert> alerts = new AlertsFile(LocatedJson.absent(ALERTS), new AlertQueries(null, Map.of()))
                .alerts(plugins, List.of(), media, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Configuration(cluster, "", new StateSetting.Folder(), HistorySetting.OFF, PassTimeout.DEFAULT, Monitoring.NONE,
                MaskedMedium.all(media, secrets), Map.of(), alerts, List.of(), secrets);
    }

    /**
     * Loads the configuration.
     *
     * @throws ConfigException listing every problem found, each with file, alert and line:column
     */
    public Configuration load(List<Plugin> plugins, List<MediumProvider> mediumProviders) throws ConfigException {
        return load(plugins, mediumProviders, Map.of());
    }

    /**
     * Loads the configuration, with media given in code besides those of credentials.json.
     *
     * @throws ConfigException listing every problem found, each with file, alert and line:column
     */
    public Configuration load(List<Plugin> plugins, List<MediumProvider> mediumProviders, Map<String, Medium> givenMedia)
            throws ConfigException {
        List<Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Credentials credentials = Credentials.read(dir, environment, secretsNeeded, timings, clock, mediumProviders, givenMedia, problems,
                warnings);
        LocatedJson alertsFile = ConfigFiles.object(dir, ALERTS, null, problems);
        List<JsonAlerts.Loaded> jsonAlerts = JsonAlerts.load(dir, problems);
        // without credentials.json no medium is known, and every alert lacking one would only repeat that
        Map<String, Medium> media = credentials == null ? null : credentials.media();
        List<Plugin> all = AlertSources.plugins(dir, sources, plugins, problems, warnings);
        List<Alert> alerts = new AlertsFile(alertsFile == null ? LocatedJson.absent(ALERTS) : alertsFile,
                new AlertQueries(dir, JsonAlerts.queries(jsonAlerts))).alerts(all, jsonAlerts, media, problems);
        if (media != null) {
            BrokenMedium.fold(media, problems);
            LeaseCheck.warn(alerts, media, warnings);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Configuration(credentials.cluster(), credentials.kibana(), credentials.state(),
                credentials.history(), credentials.passTimeout(), credentials.monitoring(), MaskedMedium.all(media, credentials.secrets()),
                UnreadMedium.whyEach(media), alerts, warnings, credentials.secrets());
    }
}
