package io.alertas.core.internal.config;

import static io.alertas.core.internal.config.SettingChecks.duration;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alertas.core.internal.Alert;
import io.alertas.core.internal.AlertMaster;
import io.alertas.core.internal.QueryTemplate;
import io.alertas.core.internal.Timings;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.files.RegularFiles;
import io.alertas.core.internal.secrets.ConfiguredSecrets;
import io.alertas.core.internal.secrets.MaskedMedium;
import io.alertas.core.internal.secrets.Secrets;
import io.alertas.core.internal.state.StateSetting;
import io.alertas.core.internal.templates.MediumTemplates;
import io.alertas.core.internal.templates.Template;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.Param;
import io.alertas.spi.Rule;
import io.alertas.spi.Severity;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a config directory ({@code credentials.json}, {@code alerts.json}, {@code alerts.d/}, {@code queries/})
 * against the loaded plugins and media providers, and reports every problem it finds, not just the first.
 * It reads and checks; {@link Wiring} then builds the client and the media the checked settings describe.
 */
public final class ConfigLoader {

    public static final String CREDENTIALS = "credentials.json";
    public static final String ALERTS = "alerts.json";
    public static final String QUERIES = "queries";
    /** The key of alerts.json that holds the routing rules, not an alert. */
    static final String ROUTES = "routes";
    /** The sections of credentials.json that are not one medium each. */
    private static final List<String> SECTIONS = List.of("elasticsearch", "state", "monitoring", "media");
    /** The most windows fire_after and resolve_after may count: a day of one-minute passes. */
    private static final int MAX_WINDOWS = 1440;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    static final Set<String> ALERT_KEYS = Set.of(
            "active", "throttle_period", "media", "index", "params", "query_delay", "max_catchup", "severity",
            "fire_after", "resolve_after", "templates");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_MAX_CATCHUP = Duration.ofHours(24);
    private static final long MAX_FILE_BYTES = 10L << 20;

    private final Path dir;
    private final Function<String, String> environment;
    private Timings timings = new Timings();
    /** Every value read from the environment: the hook that makes each one a secret. */
    private final Secrets.Builder fromEnvironment = Secrets.builder();

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

    /** No config dir: everything is given in code. */
    private ConfigLoader() {
        this.dir = null;
        this.environment = name -> null;
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
        List<Alert> alerts = new ConfigLoader().alerts(plugins, List.of(), null, media, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Configuration(cluster, "", new StateSetting.Folder(), AlertMaster.DEFAULT_PASS_TIMEOUT, Monitoring.NONE,
                MaskedMedium.all(media, secrets), alerts, List.of(), secrets);
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

        LocatedJson credentials = read(CREDENTIALS, true, problems);
        ElasticsearchClient cluster = null;
        String kibana = "";
        StateSetting state = new StateSetting.Folder();
        Duration passTimeout = AlertMaster.DEFAULT_PASS_TIMEOUT;
        Monitoring monitoring = Monitoring.NONE;
        Map<String, Medium> media = new LinkedHashMap<>();
        Secrets secrets = Secrets.NONE;
        if (credentials != null) {
            warnIfReadableByOthers(warnings);
            JsonNode resolved = resolveEnvironment(credentials, problems);
            secrets = ConfiguredSecrets.add(resolved, fromEnvironment).build();
            ClusterSettings clusterSettings = cluster(credentials, resolved, problems);
            kibana = kibana(credentials, resolved.path("elasticsearch"), problems);
            passTimeout = duration(credentials, resolved.path("elasticsearch"), "/elasticsearch", "pass_timeout",
                    passTimeout, null, problems);
            state = state(credentials, resolved.path("state"), problems);
            monitoring = monitoring(credentials, resolved.path("monitoring"), problems);
            List<Wiring.MediumSection> sections = media(credentials, resolved, mediumProviders, problems, warnings);
            // parsed; what the settings describe is built apart
            cluster = clusterSettings == null ? null
                    : timings.time(Timings.Phase.CLIENT, () -> Wiring.cluster(clusterSettings, credentials, problems));
            media = Wiring.media(sections, credentials, problems);
            for (String name : givenMedia.keySet()) {
                if (media.containsKey(name)) {
                    problems.add(new Problem(credentials.at("/" + name), null, "medium \"" + name
                            + "\" is also given in code; remove one of them"));
                }
            }
            media.putAll(givenMedia);
        }

        LocatedJson alertsFile = read(ALERTS, false, problems);
        List<JsonAlerts.Loaded> jsonAlerts = JsonAlerts.load(dir, problems);
        // without credentials.json no medium is known, and every alert lacking one would only repeat that
        List<Alert> alerts = alerts(plugins, jsonAlerts, alertsFile, credentials == null ? null : media, problems);

        BrokenMedium.fold(media, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Configuration(cluster, kibana, state, passTimeout, monitoring, MaskedMedium.all(media, secrets), alerts,
                warnings, secrets);
    }

    /**
     * The text of a file of the config dir: a regular file of at most 10 MB, read without blocking on a FIFO
     * or a device. Any other problem than a missing file is added to {@code problems}, shown as {@code shown},
     * and the text is then null.
     *
     * @throws NoSuchFileException when the file does not exist, which may be no problem at all
     */
    static String readText(Path file, String shown, String alert, List<Problem> problems) throws NoSuchFileException {
        try {
            return new String(RegularFiles.read(file, MAX_FILE_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (RegularFiles.UnfitFileException e) {
            problems.add(new Problem(shown, alert, e.reason()));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(shown, alert, "cannot be read: " + e.getMessage()));
            return null;
        }
    }

    private LocatedJson read(String name, boolean required, List<Problem> problems) {
        Path file = dir.resolve(name);
        String text;
        try {
            text = readText(file, file.toString(), null, problems);
        } catch (NoSuchFileException e) {
            if (required) {
                problems.add(new Problem(file.toString(), null, "not found; it must hold the cluster URL and credentials"));
            }
            return null;
        }
        if (text == null) {
            return null;
        }
        try {
            LocatedJson json = LocatedJson.parse(name, text);
            if (!json.root().isObject()) {
                problems.add(new Problem(json.at(""), null, "must hold a JSON object"));
                return null;
            }
            return json;
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private void warnIfReadableByOthers(List<String> warnings) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir.resolve(CREDENTIALS));
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.add(dir.resolve(CREDENTIALS) + " is readable by group or others; it holds secrets: chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }

    /** A copy of credentials.json with every "${NAME}" replaced from the environment. */
    private JsonNode resolveEnvironment(LocatedJson file, List<Problem> problems) {
        return resolve(file, file.root(), "", problems);
    }

    private JsonNode resolve(LocatedJson file, JsonNode node, String pointer, List<Problem> problems) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(),
                    resolve(file, e.getValue(), pointer + "/" + e.getKey(), problems)));
            return copy;
        }
        if (node.isTextual()) {
            Matcher m = ENV.matcher(node.asText());
            if (m.matches()) {
                String value = environment.apply(m.group(1));
                if (value == null) {
                    problems.add(new Problem(file.at(pointer), null, "environment variable " + m.group(1)
                            + " is not set; export it before running, or write the value here"));
                    return node;
                }
                // a value read from a file or a here-document often ends in a newline that is no part of the secret
                fromEnvironment.value(value);
                return TextNode.valueOf(value.strip());
            }
        }
        return node;
    }

    private ClusterSettings cluster(LocatedJson file, JsonNode resolved, List<Problem> problems) {
        JsonNode es = resolved.path("elasticsearch");
        if (!es.isObject()) {
            problems.add(new Problem(file.at("/elasticsearch"), null,
                    "needs an \"elasticsearch\" object with at least \"url\""));
            return null;
        }
        int before = problems.size();
        URI url = url(file, es, "url", true, "https://es.example.com:9200", problems);
        String username = text(file, es, "/elasticsearch", "username", false, problems);
        String password = text(file, es, "/elasticsearch", "password", false, problems);
        String apiKey = text(file, es, "/elasticsearch", "api_key", false, problems);
        if ((username == null) != (password == null)) {
            problems.add(new Problem(file.at("/elasticsearch"), null,
                    "\"username\" and \"password\" go together; give both, or \"api_key\" instead"));
        }
        if (apiKey != null && username != null) {
            problems.add(new Problem(file.at("/elasticsearch/api_key"), null,
                    "give either \"api_key\" or \"username\"/\"password\", not both"));
        }
        Path ca = null;
        String caText = text(file, es, "/elasticsearch", "ca_certificate", false, problems);
        if (caText != null) {
            ca = dir.resolve(caText);
            if (!Files.isReadable(ca)) {
                problems.add(new Problem(file.at("/elasticsearch/ca_certificate"), null,
                        "\"ca_certificate\" file " + ca + " cannot be read"));
            }
        }
        Duration timeout = duration(file, es, "/elasticsearch", "timeout", DEFAULT_TIMEOUT, null, problems);
        JsonNode batch = es.path("search_batch_size");
        if (!batch.isMissingNode() && (!batch.canConvertToInt() || !batch.isIntegralNumber() || batch.asInt() < 1)) {
            problems.add(new Problem(file.at("/elasticsearch/search_batch_size"), null,
                    "\"search_batch_size\" must be a whole number of at least 1"));
        }
        JsonNode cleartext = es.path("allow_http_credentials");
        if (!cleartext.isMissingNode() && !cleartext.isBoolean()) {
            problems.add(new Problem(file.at("/elasticsearch/allow_http_credentials"), null,
                    "\"allow_http_credentials\" must be true or false"));
        }
        if (url != null && url.getScheme().equals("http") && (apiKey != null || password != null)
                && !cleartext.asBoolean(false)) {
            problems.add(new Problem(file.at("/elasticsearch/url"), null, "\"url\" is http://, so the "
                    + (apiKey != null ? "API key" : "password") + " would cross the network in clear; use https://,"
                    + " or add \"allow_http_credentials\": true to \"elasticsearch\" if this network is trusted"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new ClusterSettings(url, username, password, apiKey, ca, timeout, batch.isMissingNode() ? 50 : batch.asInt());
    }

    /** The "state" section: {"store": "file"} (the default) or {"store": "elasticsearch", "index": "..."}. */
    private static StateSetting state(LocatedJson file, JsonNode state, List<Problem> problems) {
        String store = state.path("store").asText("file");
        if (store.equals("file")) {
            return new StateSetting.Folder();
        }
        if (!store.equals("elasticsearch")) {
            problems.add(new Problem(file.at("/state/store"), null, "\"store\" must be \"file\" or \"elasticsearch\""));
            return new StateSetting.Folder();
        }
        String index = state.path("index").asText("alertas-state");
        if (!index.matches("[a-z0-9][a-z0-9._-]*")) {
            problems.add(new Problem(file.at("/state/index"), null,
                    "\"index\" must be an index name: lower-case letters, digits, '.', '_' or '-'"));
        }
        return new StateSetting.Index(index);
    }

    /**
     * The "monitoring" section: where to write the metrics file and the status page (relative to the config
     * dir), and the dead-man URL to ping after each successful pass; each optional.
     */
    private Monitoring monitoring(LocatedJson file, JsonNode section, List<Problem> problems) {
        if (section.isMissingNode()) {
            return Monitoring.NONE;
        }
        if (!section.isObject()) {
            problems.add(new Problem(file.at("/monitoring"), null, "\"monitoring\" must be an object"));
            return Monitoring.NONE;
        }
        for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Monitoring.KEYS.contains(key)) {
                problems.add(new Problem(file.at("/monitoring/" + key), null, "unknown setting \"" + key + "\"; known: "
                        + String.join(", ", Monitoring.KEYS)));
            }
        }
        String metrics = text(file, section, "/monitoring", "metrics_file", false, problems);
        String page = text(file, section, "/monitoring", "status_page", false, problems);
        URI deadMan = url(file, section, "/monitoring", "dead_man_url", false, "https://hc-ping.com/UUID", problems);
        return new Monitoring(Optional.ofNullable(metrics).map(dir::resolve), Optional.ofNullable(page).map(dir::resolve),
                Optional.ofNullable(deadMan));
    }

    private static String kibana(LocatedJson file, JsonNode es, List<Problem> problems) {
        URI kibana = url(file, es, "kibana_url", false, "https://kibana.example.com", problems);
        return kibana == null ? "" : kibana.toString();
    }

    private static URI url(LocatedJson file, JsonNode es, String key, boolean required, String example,
            List<Problem> problems) {
        return url(file, es, "/elasticsearch", key, required, example, problems);
    }

    private static URI url(LocatedJson file, JsonNode node, String section, String key, boolean required, String example,
            List<Problem> problems) {
        String text = text(file, node, section, key, required, problems);
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text);
            if (url.getRawUserInfo() != null) {
                problems.add(new Problem(file.at(section + "/" + key), null, "\"" + key + "\" holds a user name or"
                        + " password; give them as \"username\" and \"password\", where they are kept out of messages"));
                return null;
            }
            if (("https".equals(url.getScheme()) || "http".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(new Problem(file.at(section + "/" + key), null,
                "\"" + key + "\" must be an http(s) URL such as \"" + example + "\""));
        return null;
    }

    /**
     * The media of credentials.json: a section per kind ({@code "slack": {...}}, named after its kind), and
     * the named ones of the {@code "media"} section ({@code "media": {"secops": {"type": "slack", ...}}}),
     * which allow several of one kind.
     */
    private static List<Wiring.MediumSection> media(LocatedJson file, JsonNode resolved, List<MediumProvider> providers,
            List<Problem> problems, List<String> warnings) {
        Map<String, MediumProvider> byName = new LinkedHashMap<>();
        for (MediumProvider provider : providers) {
            MediumProvider first = byName.putIfAbsent(provider.name(), provider);
            if (first != null && first.getClass() != provider.getClass()) {
                warnings.add("medium kind \"" + provider.name() + "\" of " + provider.getClass().getName()
                        + " is ignored: " + first.getClass().getName() + " came first with that name; rename one of them");
            }
        }
        List<Wiring.MediumSection> media = new ArrayList<>();
        for (Iterator<String> it = resolved.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            if (SECTIONS.contains(section)) {
                continue;
            }
            MediumProvider provider = byName.get(section);
            if (provider == null) {
                problems.add(new Problem(file.at("/" + section), null, "unknown section \"" + section
                        + "\"; known: " + String.join(", ", SECTIONS) + ", " + String.join(", ", byName.keySet())));
                continue;
            }
            JsonNode settings = resolved.get(section);
            if (!settings.isObject()) {
                problems.add(new Problem(file.at("/" + section), null, "\"" + section + "\" must be an object"));
                continue;
            }
            media.add(new Wiring.MediumSection(section, "/" + section, provider, settings));
        }
        JsonNode named = resolved.path("media");
        if (!named.isMissingNode() && !named.isObject()) {
            problems.add(new Problem(file.at("/media"), null, "\"media\" must be an object of named media, such as"
                    + " {\"secops-slack\": {\"type\": \"slack\", \"webhook_url\": \"...\"}}"));
            return media;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = named.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String at = "/media/" + name;
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                problems.add(new Problem(file.at(at), null, "medium \"" + name + "\": a name is letters, digits, '_', '.'"
                        + " and '-'"));
                continue;
            }
            if (resolved.has(name)) {
                problems.add(new Problem(file.at(at), null, "medium \"" + name + "\" is also a section of its own;"
                        + " give one of them another name"));
                continue;
            }
            JsonNode settings = entry.getValue();
            MediumProvider provider = byName.get(settings.path("type").asText());
            if (!settings.isObject() || provider == null) {
                problems.add(new Problem(file.at(settings.has("type") ? at + "/type" : at), null, "medium \"" + name
                        + "\" needs a \"type\": one of " + String.join(", ", byName.keySet())));
                continue;
            }
            media.add(new Wiring.MediumSection(name, at, provider, ((ObjectNode) settings).deepCopy().without("type")));
        }
        return media;
    }

    /** Where an alert's settings are: its entry of alerts.json, or its own file in alerts.d. */
    private record Settings(LocatedJson file, JsonNode entry, String at, Set<String> keys) {
    }

    private List<Alert> alerts(List<Plugin> plugins, List<JsonAlerts.Loaded> jsonAlerts, LocatedJson file,
            Map<String, Medium> media, List<Problem> problems) {
        Map<String, Plugin> owners = new LinkedHashMap<>();
        Map<String, AlertDefinition> definitions = new LinkedHashMap<>();
        Map<String, Settings> settings = new LinkedHashMap<>();
        List<Plugin> all = new ArrayList<>(plugins);
        for (JsonAlerts.Loaded loaded : jsonAlerts) {
            all.add(loaded.plugin());
            Set<String> keys = new TreeSet<>(ALERT_KEYS);
            keys.addAll(loaded.keys());
            // The file's "params" declare the alert's params (with their defaults), so none is left to override.
            ObjectNode entry = ((ObjectNode) loaded.file().root()).deepCopy();
            entry.remove("params");
            settings.put(loaded.plugin().alerts().get(0).name(), new Settings(loaded.file(), entry, "", keys));
        }
        for (Plugin plugin : all) {
            for (AlertDefinition definition : plugin.alerts()) {
                Plugin first = owners.putIfAbsent(definition.name(), plugin);
                if (first != null) {
                    problems.add(new Problem(plugin.jar(), definition.name(), "is defined twice: by module \""
                            + first.module() + "\" in " + first.jar() + " and by module \"" + plugin.module()
                            + "\" in " + plugin.jar() + "; remove one of the jars or rename the alert"));
                } else {
                    definitions.put(definition.name(), definition);
                }
            }
        }
        JsonNode overrides = file == null ? JSON.createObjectNode() : file.root();
        List<Route> routes = routes(file, media, problems);
        for (Iterator<String> it = overrides.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equals(ROUTES)) {
                continue;
            }
            if (!definitions.containsKey(name)) {
                problems.add(new Problem(file.at("/" + name), name, "no plugin defines this alert; known alerts: "
                        + String.join(", ", new TreeSet<>(definitions.keySet()))));
            } else if (settings.containsKey(name)) {
                problems.add(new Problem(file.at("/" + name), name, "is defined in " + JsonAlerts.DIR + "/" + name
                        + ".json; put its settings there"));
            } else {
                settings.put(name, new Settings(file, overrides.get(name), "/" + name, ALERT_KEYS));
            }
        }
        checkQueryFiles(definitions.keySet(), problems);

        List<Alert> alerts = new ArrayList<>();
        for (AlertDefinition definition : definitions.values()) {
            Settings own = settings.getOrDefault(definition.name(),
                    new Settings(file, JSON.createObjectNode(), "/" + definition.name(), ALERT_KEYS));
            Alert alert = alert(definition, owners.get(definition.name()), own, media, routes, problems);
            if (alert != null) {
                alerts.add(alert);
            }
        }
        return alerts;
    }

    private void checkQueryFiles(Set<String> known, List<Problem> problems) {
        Path queries = dir == null ? null : dir.resolve(QUERIES);
        if (queries == null || !Files.isDirectory(queries)) {
            return;
        }
        try (Stream<Path> files = Files.list(queries)) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .filter(f -> !known.contains(f.substring(0, f.length() - ".json".length())))
                    .sorted()
                    .forEach(f -> problems.add(new Problem(QUERIES + "/" + f, null,
                            "no alert is named after this query file; known alerts: "
                                    + String.join(", ", new TreeSet<>(known)))));
        } catch (IOException e) {
            problems.add(new Problem(queries.toString(), null, "cannot be listed: " + e.getMessage()));
        }
    }

    private Alert alert(AlertDefinition definition, Plugin plugin, Settings settings, Map<String, Medium> media,
            List<Route> routes, List<Problem> problems) {
        String name = definition.name();
        String at = settings.at();
        LocatedJson file = settings.file();
        JsonNode entry = settings.entry();
        int before = problems.size();
        if (!entry.isObject()) {
            problems.add(new Problem(file.at(at), name, "must be an object of settings such as \"active\", \"throttle_period\""));
            return null;
        }
        SettingChecks.unknown(file, entry, at, name, settings.keys(), problems);
        boolean active = definition.active();
        if (entry.has("active")) {
            if (entry.get("active").isBoolean()) {
                active = entry.get("active").asBoolean();
            } else {
                problems.add(new Problem(file.at(at + "/active"), name, "\"active\" must be true or false"));
            }
        }
        Duration throttle = duration(file, entry, at, "throttle_period", definition.throttlePeriod(), name, problems);
        Duration queryDelay = duration(file, entry, at, "query_delay", definition.queryDelay(), name, problems);
        Duration maxCatchup = duration(file, entry, at, "max_catchup", DEFAULT_MAX_CATCHUP, name, problems);
        String index = entry.has("index") && !settings.keys().contains("condition")
                ? text(file, entry, at, "index", true, problems) : definition.index();
        Severity severity = definition.severity();
        if (entry.has("severity")) {
            try {
                severity = Severity.fromLabel(entry.get("severity").asText());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(file.at(at + "/severity"), name, "\"severity\" " + e.getMessage()));
            }
        }
        int fireAfter = windows(file, entry, at, "fire_after", 1, name, problems);
        int resolveAfter = windows(file, entry, at, "resolve_after", 0, name, problems);
        ObjectNode params = params(definition, file, entry, at, problems);
        List<String> alertMedia = media(definition, plugin, file, entry, at, media, routes, severity, active, problems);
        Map<String, MediumTemplates> templates = templates(name, file, entry, at, alertMedia, problems);
        QueryTemplate query = query(definition, plugin, params, problems);
        if (problems.size() > before) {
            return null;
        }
        String path = definition.path().replace("{index}", ElasticsearchClient.encodeIndex(index));
        return new Alert(name, plugin.module(), plugin.jar(), definition.description(), severity, index,
                definition.method(), path, query, throttle, active, alertMedia, params, definition.params(), queryDelay, maxCatchup,
                fireAfter, resolveAfter, templates, definition.evaluator());
    }

    /**
     * The {@code "routes"} of alerts.json: a list of rules such as {@code {"severity": "critical", "media":
     * ["pagerduty"]}}, each naming configured media.
     */
    private static List<Route> routes(LocatedJson file, Map<String, Medium> configured, List<Problem> problems) {
        JsonNode list = file == null ? null : file.root().get(ROUTES);
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            problems.add(new Problem(file.at("/" + ROUTES), null, "\"routes\" must be a list of rules such as"
                    + " {\"severity\": \"critical\", \"media\": [\"pagerduty\"]}"));
            return List.of();
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "/" + ROUTES + "/" + i;
            JsonNode rule = list.get(i);
            int before = problems.size();
            if (!rule.isObject()) {
                problems.add(new Problem(file.at(at), null, "a route must be an object of \"severity\", \"plugin\","
                        + " \"alert\" and \"media\""));
                continue;
            }
            rule.fieldNames().forEachRemaining(key -> {
                if (!Route.KEYS.contains(key)) {
                    problems.add(new Problem(file.at(at + "/" + key), null, "unknown route setting \"" + key
                            + "\"; known: " + String.join(", ", new TreeSet<>(Route.KEYS))));
                }
            });
            Set<Severity> severities = new HashSet<>();
            for (String label : strings(file, rule, at, "severity", problems)) {
                try {
                    severities.add(Severity.fromLabel(label));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(file.at(at + "/severity"), null, "\"severity\" " + e.getMessage()));
                }
            }
            Set<String> plugins = new HashSet<>(strings(file, rule, at, "plugin", problems));
            String alert = rule.path("alert").isTextual() ? rule.get("alert").asText() : "*";
            if (rule.has("alert") && !rule.get("alert").isTextual()) {
                problems.add(new Problem(file.at(at + "/alert"), null, "\"alert\" must be a name pattern such as \"ssh_*\""));
            }
            List<String> media = strings(file, rule, at, "media", problems);
            if (media.isEmpty() && !rule.has("media")) {
                problems.add(new Problem(file.at(at), null, "a route needs \"media\", the media it sends to"));
            }
            for (String medium : media) {
                if (configured != null && !configured.containsKey(medium)) {
                    problems.add(new Problem(file.at(at + "/media"), null, "medium \"" + medium + "\" is not configured;"
                            + " configured media: " + String.join(", ", configured.keySet())));
                }
            }
            if (problems.size() == before) {
                routes.add(new Route(severities, plugins, Route.glob(alert), media));
            }
        }
        return routes;
    }

    /** A string or a list of strings under {@code key}; empty when absent. */
    private static List<String> strings(LocatedJson file, JsonNode object, String at, String key, List<Problem> problems) {
        JsonNode value = object.path(key);
        List<String> items = new ArrayList<>();
        if (value.isTextual()) {
            items.add(value.asText());
        } else if (value.isArray() && StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isTextual)) {
            value.forEach(v -> items.add(v.asText()));
        } else if (!value.isMissingNode()) {
            problems.add(new Problem(file.at(at + "/" + key), null, "\"" + key + "\" must be a string or a list of strings"));
        }
        return items;
    }

    /**
     * The alert's {@code "templates"}: per medium it sends to, a {@code "title"} and a {@code "body"}, each a
     * Mustache template over the notification's fields.
     */
    private static Map<String, MediumTemplates> templates(String alert, LocatedJson file, JsonNode entry, String at,
            List<String> media, List<Problem> problems) {
        JsonNode given = entry.path("templates");
        if (given.isMissingNode()) {
            return Map.of();
        }
        if (!given.isObject()) {
            problems.add(new Problem(file.at(at + "/templates"), alert, "\"templates\" must be an object of media, such as"
                    + " {\"slack\": {\"title\": \"{{alert}} on {{cluster}}\"}}"));
            return Map.of();
        }
        Map<String, MediumTemplates> templates = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> medium = it.next();
            String where = at + "/templates/" + medium.getKey();
            if (!media.contains(medium.getKey())) {
                problems.add(new Problem(file.at(where), alert, "a template for medium \"" + medium.getKey()
                        + "\", which this alert does not send to; it sends to: " + String.join(", ", media)));
                continue;
            }
            if (!medium.getValue().isObject()) {
                problems.add(new Problem(file.at(where), alert, "must be an object of \"title\" and \"body\""));
                continue;
            }
            medium.getValue().fieldNames().forEachRemaining(key -> {
                if (!key.equals("title") && !key.equals("body")) {
                    problems.add(new Problem(file.at(where + "/" + key), alert, "unknown template \"" + key
                            + "\"; known: title, body"));
                }
            });
            Template title = template(alert, file, medium.getValue(), where, "title", problems);
            Template body = template(alert, file, medium.getValue(), where, "body", problems);
            templates.put(medium.getKey(), new MediumTemplates(title, body));
        }
        return templates;
    }

    private static Template template(String alert, LocatedJson file, JsonNode templates, String at, String key,
            List<Problem> problems) {
        JsonNode source = templates.get(key);
        if (source == null) {
            return null;
        }
        if (!source.isTextual()) {
            problems.add(new Problem(file.at(at + "/" + key), alert, "\"" + key + "\" must be a template string"));
            return null;
        }
        try {
            return Template.text(key, source.asText());
        } catch (Template.Invalid e) {
            problems.add(new Problem(file.at(at + "/" + key), alert, "\"" + key + "\" " + e.getMessage()));
            return null;
        }
    }

    /** A count of windows, {@code fire_after} or {@code resolve_after}: a whole number from 1 to 1440. */
    private static int windows(LocatedJson file, JsonNode entry, String at, String key, int fallback, String alert,
            List<Problem> problems) {
        if (!entry.has(key)) {
            return fallback;
        }
        JsonNode value = entry.get(key);
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > MAX_WINDOWS) {
            problems.add(new Problem(file.at(at + "/" + key), alert, "\"" + key + "\" must be a whole number of windows"
                    + " from 1 to " + MAX_WINDOWS));
            return fallback;
        }
        return value.asInt();
    }

    /**
     * The alert's params: each declared one's default, replaced by the value that {@code entry} gives, which
     * must be declared and of its type.
     */
    private static ObjectNode params(AlertDefinition definition, LocatedJson file, JsonNode entry, String at,
            List<Problem> problems) {
        String name = definition.name();
        ObjectNode params = JSON.createObjectNode();
        definition.params().values().forEach(p -> params.set(p.name(), p.defaultValue()));
        JsonNode given = entry.path("params");
        if (given.isMissingNode()) {
            return params;
        }
        if (!given.isObject()) {
            problems.add(new Problem(file.at(at + "/params"), name, "\"params\" must be an object"));
            return params;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            String where = file.at(LocatedJson.child(at + "/params", param.getKey()));
            Param declared = definition.params().get(param.getKey());
            if (declared == null) {
                problems.add(new Problem(where, name, "param \"" + param.getKey() + "\": not declared; "
                        + (definition.params().isEmpty() ? "this alert declares none"
                                : "declared: " + String.join(", ", definition.params().keySet()))));
            } else {
                declared.problem(param.getValue()).ifPresentOrElse(
                        p -> problems.add(new Problem(where, name, "param \"" + declared.name() + "\": " + p)),
                        () -> params.set(declared.name(), param.getValue()));
            }
        }
        return params;
    }

    private List<String> media(AlertDefinition definition, Plugin plugin, LocatedJson file, JsonNode entry, String at,
            Map<String, Medium> configured, List<Route> routes, Severity severity, boolean active, List<Problem> problems) {
        String name = definition.name();
        List<String> wanted = new ArrayList<>(definition.media());
        String where = plugin.jar();
        if (entry.has("media")) {
            JsonNode list = entry.get("media");
            where = file.at(at + "/media");
            wanted.clear();
            if (!list.isArray()) {
                problems.add(new Problem(where, name, "\"media\" must be a list such as [\"slack\", \"email\"]"));
                return List.of();
            }
            list.forEach(m -> wanted.add(m.asText()));
        }
        if (wanted.isEmpty() && !entry.has("media") && configured != null) {
            if (routes.isEmpty()) {
                wanted.addAll(configured.keySet());
            } else {
                routes.stream().filter(r -> r.matches(name, plugin.module(), severity))
                        .flatMap(r -> r.media().stream()).distinct().forEach(wanted::add);
            }
        }
        if (configured == null) {
            return wanted;
        }
        if (active) {
            BrokenMedium.usedBy(name, wanted, configured);
        }
        for (String medium : wanted) {
            if (!configured.containsKey(medium)) {
                problems.add(new Problem(where, name, "medium \"" + medium + "\" is not configured; configured media: "
                        + (configured.isEmpty() ? "(none: add \"slack\" or \"email\" to credentials.json)"
                                : String.join(", ", configured.keySet()))));
            }
        }
        if (active && wanted.isEmpty()) {
            problems.add(new Problem(file == null ? ALERTS : file.at(at), name, routes.isEmpty()
                    ? "has no medium to notify; configure \"slack\" or \"email\" in credentials.json"
                    : "has no medium to notify: no route of alerts.json matches it; give it \"media\" or add a route"));
        }
        return wanted;
    }

    private QueryTemplate query(AlertDefinition definition, Plugin plugin, JsonNode params, List<Problem> problems) {
        String overrideName = QUERIES + "/" + definition.name() + ".json";
        if (definition.evaluator() instanceof Rule rule) {
            if (dir != null && Files.exists(dir.resolve(overrideName), LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new Problem(overrideName, definition.name(), "this alert is a " + rule.describe()
                        + ", which writes its own query from its settings; set its params in alerts.json instead"));
                return null;
            }
            return QueryTemplate.of(plugin.jar() + " (" + rule.describe() + ")", rule);
        }
        if (dir != null) {
            try {
                String text = readText(dir.resolve(overrideName), overrideName, definition.name(), problems);
                return text == null ? null : template(definition, overrideName, text, params, problems);
            } catch (NoSuchFileException noOverride) {
                // the plugin's query, below
            }
        }
        String origin = plugin.module().equals(JsonAlerts.MODULE) ? plugin.jar() : plugin.jar() + "!" + definition.query().origin();
        String text = definition.query().body();
        return text.isBlank() ? QueryTemplate.none(origin) : template(definition, origin, text, params, problems);
    }

    private static QueryTemplate template(AlertDefinition definition, String origin, String text, JsonNode params,
            List<Problem> problems) {
        try {
            LocatedJson json = LocatedJson.parse(origin, text);
            if (!json.root().isObject()) {
                problems.add(new Problem(json.at(""), definition.name(), "a query must be a JSON object"));
                return null;
            }
            QueryTemplate template = new QueryTemplate(origin, json.root());
            template.check(params).forEach(m -> problems.add(
                    new Problem(json.at(m.pointer()), definition.name(), "the query " + m.message())));
            return template;
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(new Problem(p.where(), definition.name(), p.message())));
            return null;
        }
    }

    private static String text(LocatedJson file, JsonNode object, String at, String key, boolean required,
            List<Problem> problems) {
        JsonNode value = object.path(key);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                problems.add(new Problem(file.at(at), null, "\"" + key + "\" is missing"));
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(new Problem(file.at(at + "/" + key), null, "\"" + key + "\" must be a non-empty string"));
            return null;
        }
        return value.asText();
    }
}
