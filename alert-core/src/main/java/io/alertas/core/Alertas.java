package io.alertas.core;

import static java.util.Objects.requireNonNull;

import io.alertas.core.internal.AfterPass;
import io.alertas.core.internal.AlertMaster;
import io.alertas.core.internal.PublicViews;
import io.alertas.core.internal.Timings;
import io.alertas.core.internal.config.ConfigException;
import io.alertas.core.internal.config.ConfigLoader;
import io.alertas.core.internal.config.Configuration;
import io.alertas.core.internal.config.Plugin;
import io.alertas.core.internal.history.HistoryWriter;
import io.alertas.core.internal.media.EmailProvider;
import io.alertas.core.internal.media.SlackProvider;
import io.alertas.core.internal.media.alertmanager.AlertmanagerProvider;
import io.alertas.core.internal.media.opsgenie.OpsgenieProvider;
import io.alertas.core.internal.media.pagerduty.PagerDutyProvider;
import io.alertas.core.internal.media.teams.TeamsProvider;
import io.alertas.core.internal.media.webhook.WebhookProvider;
import io.alertas.core.internal.state.StateSetting;
import io.alertas.core.internal.state.StateStore;
import io.alertas.core.pass.Backtest;
import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.ConnectionCheck;
import io.alertas.core.pass.Mask;
import io.alertas.core.pass.Monitoring;
import io.alertas.core.pass.PassOptions;
import io.alertas.core.pass.PassReport;
import io.alertas.core.pass.SecretsNeeded;
import io.alertas.core.pass.Shard;
import io.alertas.core.pass.Silence;
import io.alertas.core.pass.StateLockedException;
import io.alertas.core.pass.StoredState;
import io.alertas.core.pass.Trial;
import io.alertas.spi.AlertModule;
import io.alertas.spi.AlertSource;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine, for programs that embed Alertas and for the runner: built once, then {@link #runPass} once per pass
 * (from a scheduler, a cron job or a test). Beside passes it tests one alert ({@link #test}), backtests
 * ({@link #backtest}), keeps silences ({@link #silence}, {@link #unsilence}), shows the stored state ({@link #state})
 * and the team's operations ({@link #operations}), and checks the connections ({@link #checkConnections}). The API:
 * this class, {@link TeamOperations}, {@code io.alertas.core.pass} and the SPI; {@code core.internal} may change.
 *
 * <p>Configure it from a config directory as the runner reads one ({@link Builder#configDir}), or wholly in code:
 * a cluster ({@link Builder#elasticsearch}), alert modules ({@link Builder#module}), media ({@link Builder#medium})
 * and a folder for the state ({@link Builder#stateDir}); the two may be mixed (a config dir plus alerts and media
 * from code). An instance holds no global state and never exits the JVM. With the state in a folder, a pass
 * started while another runs fails with {@link StateLockedException}; with the state in an index, overlapping
 * passes claim each notification, so none is sent twice.
 */
public final class Alertas {

    /** The media built into the engine: the one place they are listed. */
    private static final List<MediumProvider> BUILT_IN_MEDIA = List.of(new SlackProvider(), new EmailProvider(),
            new WebhookProvider(), new TeamsProvider(), new PagerDutyProvider(), new OpsgenieProvider(),
            new AlertmanagerProvider());

    private final AlertMaster master;
    private final Configuration config;
    private final Timings timings;
    private final AfterPass afterPass;

    private Alertas(AlertMaster master, Configuration config, Timings timings, AfterPass afterPass) {
        this.master = master;
        this.config = config;
        this.timings = timings;
        this.afterPass = afterPass;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The kinds of medium built into the engine (slack, email, ...), which every instance has. */
    public static List<String> builtInMedia() {
        return BUILT_IN_MEDIA.stream().map(MediumProvider::name).toList();
    }

    /**
     * Runs one pass: every active alert (or those {@code options} names, or those due) is queried, evaluated, and
     * what fired delivered, throttled and kept as the runner does; then its history, if kept, is written (a
     * failure there is a warning of the report; a dry run writes none).
     *
     * @throws StateLockedException when another pass holds the state's lock; nothing was done
     * @throws IOException when the state cannot be read, or written at the start of the pass (nothing was sent)
     * @throws IllegalArgumentException when {@code options} names an alert that does not exist
     */
    public PassReport runPass(PassOptions options) throws StateLockedException, IOException {
        PassReport report = master.run(requireNonNull(options, "options is null"));
        return options.dryRun() ? report : afterPass.after(report);
    }

    /**
     * Runs alert {@code alert}'s query and evaluator as a pass would at {@code now}; sends nothing and changes
     * no state.
     *
     * @throws IOException when the state cannot be read
     * @throws IllegalArgumentException when no alert is so named
     * @throws IllegalStateException naming the alert, when its query or its evaluator throws
     */
    public Trial test(String alert, Instant now) throws IOException {
        return master.test(requireNonNull(alert, "alert is null"), requireNonNull(now, "now is null"));
    }

    /**
     * A backtest of {@code alerts} (every active alert that reads history when empty) over the passes from
     * {@code from} to {@code to}, one every {@code step}; nothing runs until {@link Backtest#run}.
     *
     * @throws IllegalArgumentException when a name is unknown, its alert reads no history, or the range is empty
     */
    public Backtest backtest(List<String> alerts, Instant from, Instant to, Duration step) {
        return master.backtest(List.copyOf(alerts), from, to, step);
    }

    /**
     * Silences {@code alert} (only its {@code key}, when not null) from now until {@code until}, and returns
     * the silence with its id. Waits for a running pass, up to the pass timeout.
     *
     * @throws StateLockedException when a pass held the state for longer than a pass may take
     * @throws IllegalArgumentException when no alert is so named, or {@code until} is not after now
     */
    public Silence silence(String alert, String key, Instant until, String reason) throws StateLockedException, IOException {
        return master.silence(requireNonNull(alert, "alert is null"), key, requireNonNull(until, "until is null"),
                requireNonNull(reason, "reason is null"));
    }

    /**
     * Ends the silence {@code id} now and returns it, with how many firings it muted; empty when no silence
     * has that id (it may have ended by itself).
     */
    public Optional<Silence> unsilence(String id) throws StateLockedException, IOException {
        return master.unsilence(requireNonNull(id, "id is null")).map(Silence.class::cast);
    }

    /** The stored state, as the next pass would read it; read without waiting for a running pass. */
    public StoredState state() throws IOException {
        return PublicViews.of(master.stored());
    }

    /** The team's operations of this configuration: maintenance windows, schedules, digests, flapping and history. */
    public TeamOperations operations() {
        return new TeamOperations(config, master);
    }

    /**
     * Checks, without sending or writing anything, that the cluster answers (and what it is), that each active
     * alert's index exists and suits its query as a pass would render it at {@code now}, and that each
     * medium's service can be reached.
     */
    public List<ConnectionCheck> checkConnections(Instant now) {
        return master.checkConnections(requireNonNull(now, "now is null"));
    }

    /** Every alert of the configuration, active or not, in or out of this instance's shard. */
    public List<ConfiguredAlert> alerts() {
        return config.alerts().stream().map(PublicViews::of).toList();
    }

    /** The names of the configured media. */
    public List<String> media() {
        return List.copyOf(config.media().keySet());
    }

    /** The media left unbuilt, their secret unset and not needed here, by name, with why ("X is not set"). */
    public Map<String, List<String>> uncheckedMedia() {
        return config.uncheckedMedia();
    }

    /** What the configuration made worth telling without stopping anything, such as a readable credentials file. */
    public List<String> warnings() {
        return config.warnings();
    }

    /** The configuration's secrets as a mask, for every text that leaves the process. */
    public Mask mask() {
        return config.secrets();
    }

    /** What the configuration asks to be left after each pass for those who watch the runner. */
    public Monitoring monitoring() {
        return config.monitoring();
    }

    /** How long a pass may wait for the cluster's answers; a pass under way ends within about this long. */
    public Duration passTimeout() {
        return config.passTimeout();
    }

    /**
     * Where this instance spent its time since it was built, by phase in their order (the configuration, the client,
     * then its passes' state reads, queries, evaluations, deliveries, state writes); parts at once count once.
     */
    public Map<String, Duration> timings() {
        return timings.byLabel();
    }

    /** Gathers where the cluster, the alerts, the media and the state come from. */
    public static final class Builder {
        private Path configDir;
        private Function<String, String> environment = System::getenv;
        private SecretsNeeded secretsNeeded = SecretsNeeded.ALL;
        private final InCodeCluster cluster = new InCodeCluster();
        private final List<Map.Entry<AlertModule, String>> modules = new ArrayList<>();
        private final Map<String, Medium> media = new LinkedHashMap<>();
        private final List<MediumProvider> mediumProviders = new ArrayList<>(BUILT_IN_MEDIA);
        private final Map<String, AlertSource> sources = new LinkedHashMap<>();
        private Shard shard = Shard.ALL;
        private Path stateDir;
        private String stateIndex;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Reads the cluster, media, alert settings, alerts.d and queries from {@code dir} as the runner does
         * (plugin jars are not discovered: give modules with {@link #module}). The state is kept in this folder
         * unless credentials.json or {@link #stateDir} says otherwise.
         */
        public Builder configDir(Path dir) {
            this.configDir = requireNonNull(dir, "dir is null");
            return this;
        }

        /** Where {@code "${NAME}"} values of credentials.json are read; the process environment by default. */
        public Builder environment(Function<String, String> environment) {
            this.environment = requireNonNull(environment, "environment is null");
            return this;
        }

        /** Which {@code "${NAME}"} values of credentials.json must be set for this use; all by default. */
        public Builder secretsNeeded(SecretsNeeded needed) {
            this.secretsNeeded = requireNonNull(needed, "needed is null");
            return this;
        }

        /** The cluster, when there is no config dir; TLS is always verified. */
        public Builder elasticsearch(URI url) {
            cluster.url = requireNonNull(url, "url is null");
            return this;
        }

        public Builder basicAuth(String username, String password) {
            cluster.username = requireNonNull(username, "username is null");
            cluster.password = requireNonNull(password, "password is null");
            return this;
        }

        /** The base64 {@code id:key} of an Elasticsearch API key. */
        public Builder apiKey(String apiKey) {
            cluster.apiKey = requireNonNull(apiKey, "apiKey is null");
            return this;
        }

        /** The CA that signed the cluster's certificate (PEM), for a private cluster. */
        public Builder caCertificate(Path caCertificate) {
            cluster.caCertificate = requireNonNull(caCertificate, "caCertificate is null");
            return this;
        }

        /** Lets a password or API key go to an {@code http://} cluster, in clear; for a trusted network only. */
        public Builder allowHttpCredentials() {
            cluster.allowHttpCredentials = true;
            return this;
        }

        /** How long one request to the cluster may take; 30 seconds by default. */
        public Builder timeout(Duration timeout) {
            cluster.timeout = requireNonNull(timeout, "timeout is null");
            return this;
        }

        /** A module of alerts defined in code; its alerts run beside those of the config dir's alerts.d. */
        public Builder module(AlertModule module) {
            return module(module, "(in code)");
        }

        /** A module of alerts found in {@code jar} (as users see it, such as its file name). */
        public Builder module(AlertModule module, String jar) {
            modules.add(Map.entry(requireNonNull(module, "module is null"), requireNonNull(jar, "jar is null")));
            return this;
        }

        /**
         * A source of alerts read from its own file of the config dir ({@code NAME.json}, such as sigma.json);
         * its alerts are treated like a module's. Without a config dir it has no file and gives no alert.
         *
         * @throws IllegalArgumentException when a source of that name is already given
         */
        public Builder alertSource(AlertSource source) {
            String name = requireNonNull(source, "source is null").name();
            if (sources.putIfAbsent(name, source) != null) {
                throw new IllegalArgumentException("alert source \"" + name + "\" is given twice");
            }
            return this;
        }

        /** A medium made in code, picked by alerts as {@code name}; alerts that name no media use every one. */
        public Builder medium(String name, Medium medium) {
            requireNonNull(name, "name is null");
            if (media.putIfAbsent(name, requireNonNull(medium, "medium is null")) != null) {
                throw new IllegalArgumentException("medium \"" + name + "\" is given twice");
            }
            return this;
        }

        /** A kind of medium configured by its section of credentials.json, besides the {@link #builtInMedia built-in ones}. */
        public Builder mediumProvider(MediumProvider provider) {
            mediumProviders.add(requireNonNull(provider, "provider is null"));
            return this;
        }

        /**
         * Runs only the alerts of {@code shard} in passes, tests, backtests and silences ({@link Alertas#alerts}
         * still lists every alert); every alert by default.
         */
        public Builder shard(Shard shard) {
            this.shard = requireNonNull(shard, "shard is null");
            return this;
        }

        /** Keeps the throttle and windows in {@code throttle_period.json} of this folder. */
        public Builder stateDir(Path dir) {
            this.stateDir = requireNonNull(dir, "dir is null");
            return this;
        }

        /** Keeps the throttle and windows in this index of the cluster, shared by runners on several hosts. */
        public Builder stateIndex(String index) {
            this.stateIndex = requireNonNull(index, "index is null");
            return this;
        }

        /** The clock every time decision reads; the system's UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /**
         * Checks and wires everything; nothing is sent to the cluster yet.
         *
         * @throws AlertasException listing every problem found
         * @throws IllegalStateException when neither a config dir nor a cluster is given, or no place for the state
         */
        public Alertas build() throws AlertasException {
            if ((configDir == null) == (cluster.url == null)) {
                throw new IllegalStateException("give either a config dir or a cluster (elasticsearch), not "
                        + (configDir == null ? "neither" : "both"));
            }
            List<Plugin> plugins = new ArrayList<>();
            modules.forEach(m -> plugins.add(new Plugin(m.getKey().name(), m.getValue(), m.getKey().alerts())));
            Timings timings = new Timings();
            long loading = System.nanoTime();
            Configuration config;
            try {
                config = configDir != null
                        ? new ConfigLoader(configDir, environment).secretsNeeded(secretsNeeded).timings(timings).clock(clock)
                                .sources(List.copyOf(sources.values())).load(plugins, mediumProviders, media)
                        : ConfigLoader.inCode(timings.time(Timings.Phase.CLIENT, cluster::client), plugins, media,
                                cluster.secrets());
            } catch (ConfigException e) {
                throw new AlertasException(e.problems());
            }
            timings.add(Timings.Phase.CONFIG, Duration.ofNanos(System.nanoTime() - loading)
                    .minus(timings.of(Timings.Phase.CLIENT)));
            AlertMaster master = AlertMaster.builder().cluster(config.cluster()).passTimeout(config.passTimeout())
                    .alerts(config.alerts(), shard::contains).media(config.media()).kibana(config.kibana())
                    .store(store(config)).secrets(config.secrets()).clock(clock).timings(timings).build();
            AfterPass afterPass = !config.history().enabled() ? report -> report : new HistoryWriter(config.cluster(),
                    config.history(), master.alerts(), AlertMaster.RUNNER, config.secrets(), config.passTimeout());
            return new Alertas(master, config, timings, afterPass);
        }

        private StateStore store(Configuration config) {
            if (stateIndex == null && stateDir == null && configDir == null) {
                throw new IllegalStateException("give a place for the state: stateDir or stateIndex");
            }
            StateSetting setting = stateIndex != null ? new StateSetting.Index(stateIndex)
                    : stateDir != null ? new StateSetting.Folder() : config.state();
            return setting.open(config.cluster(), stateDir != null ? stateDir : configDir, clock);
        }
    }
}
