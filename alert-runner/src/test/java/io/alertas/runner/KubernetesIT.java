package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes as a cluster would take it: each variant rendered offline (kubectl kustomize, and the test's
 * render.mjs, which applies the same kustomization fields, alone where there is no kubectl) and each object validated against
 * the Kubernetes API schemas of the kubernetes-models npm package; then the sharded variant's pods, run as the
 * Indexed Job starts them: the packaged runner once per JOB_COMPLETION_INDEX, with the manifest's args and env,
 * on the ConfigMap's files mounted read-only, against the test cluster with the Elasticsearch state store.
 */
@ExtendWith(ElasticsearchExtension.class)
class KubernetesIT {

    private static final Path JAR = Path.of(System.getProperty("alertas.runner.jar", "target/alert-runner.jar"));
    private static final Path DEPLOY = Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();
    private static final Path MODELS = Path.of("target", "kubernetes-models").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper COMMENTED = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    /** The config dir mounted read-only in the runner's own mount namespace, as the kubelet mounts a ConfigMap. */
    private static final Map<String, String> SECRETS =
            Map.of("ES_PASSWORD", ElasticsearchNode.PASSWORD, "SLACK_WEBHOOK_URL", "http://127.0.0.1:9/hook");
    private static final String CONFIG_MAP = "mount --bind \"$DIR\" \"$DIR\" && mount -o remount,bind,ro \"$DIR\"";

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void installModels() throws Exception {
        Files.createDirectories(MODELS);
        for (String file : List.of("package.json", "validate.mjs", "render.mjs")) {
            try (InputStream in = KubernetesIT.class.getResourceAsStream("/kubernetes/" + file)) {
                Files.copy(in, MODELS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.exists(MODELS.resolve("node_modules/kubernetes-models/package.json"))) {
            Run install = run(MODELS, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), null);
            assertEquals(0, install.exit(), install.err());
        }
    }

    @Test
    void theBaseIsOneRunnerAMinuteOnAReadOnlyConfigWithItsStateInElasticsearch(@TempDir Path dir) throws Exception {
        JsonNode objects = rendered("base");
        JsonNode cronJob = only(objects, "CronJob");
        JsonNode job = cronJob.path("spec").path("jobTemplate").path("spec");
        JsonNode pod = job.path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);

        assertEquals("* * * * *", cronJob.path("spec").path("schedule").asText());
        assertEquals("Forbid", cronJob.path("spec").path("concurrencyPolicy").asText());
        assertTrue(cronJob.path("spec").path("startingDeadlineSeconds").asInt() > 0);
        assertEquals(0, job.path("backoffLimit").asInt(-1));
        assertEquals("Never", pod.path("restartPolicy").asText());
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("[\"ALL\"]", security.path("capabilities").path("drop").toString());
        assertTrue(container.path("resources").path("limits").has("memory") && container.path("resources").path("requests").has("cpu"));
        assertEquals("registry.example.com/alertas:0.1.0", container.path("image").asText(), "set by kustomize's images");
        assertEquals("alertas-secrets", container.path("envFrom").get(0).path("secretRef").path("name").asText());
        assertEquals("[\"run\",\"--config\",\"/etc/alertas\"]", container.path("args").toString());
        assertEquals("[{\"name\":\"ALERTAS_LOG\",\"value\":\"stderr\"}]", container.path("env").toString());
        JsonNode mount = container.path("volumeMounts").get(0);
        assertEquals("/etc/alertas", mount.path("mountPath").asText());
        assertTrue(mount.path("readOnly").asBoolean());
        JsonNode configMap = only(objects, "ConfigMap");
        assertEquals(configMap.path("metadata").path("name").asText(),
                pod.path("volumes").get(0).path("configMap").path("name").asText(), "the pod mounts the generated ConfigMap");
        JsonNode credentials = COMMENTED.readTree(configMap.path("data").path("credentials.json").asText());
        assertEquals("elasticsearch", credentials.path("state").path("store").asText());
        assertEquals("${ES_PASSWORD}", credentials.path("elasticsearch").path("password").asText(), "the secret from the Secret");
        assertEveryAlertNamedAndFewSwitchedOn(configMap, dir);
    }

    /**
     * The base's alerts.json as init writes one: every built-in alert named (one left out would run with its
     * defaults, switched on, and send to Slack each minute) and all but a few examples switched off.
     */
    private static void assertEveryAlertNamedAndFewSwitchedOn(JsonNode configMap, Path dir) throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = configMap.path("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            Files.writeString(dir.resolve(file.getKey()), file.getValue().asText());
        }
        TestingConfig.Result list = TestingConfig.runMain(SECRETS, "list", "--config", dir.toString());
        assertEquals(0, list.exit(), list.err());
        Map<String, Boolean> active = new TreeMap<>();
        list.out().lines().skip(1).map(l -> l.split("\\s+")).forEach(c -> active.put(c[0], c[3].equals("yes")));
        Set<String> named = new TreeSet<>();
        COMMENTED.readTree(dir.resolve("alerts.json").toFile()).fieldNames().forEachRemaining(named::add);
        assertEquals(active.keySet(), named, "alerts.json names every alert");
        long on = active.values().stream().filter(a -> a).count();
        assertTrue(on >= 1 && on <= 3, "a few alerts switched on as examples, the rest off: " + active);
    }

    @Test
    void eachPodOfTheShardedJobRunsItsOwnShardAndTogetherTheyRunEveryAlertOnce(ElasticsearchNode node, @TempDir Path dir)
            throws Exception {
        JsonNode objects = rendered("sharded");
        JsonNode job = only(objects, "CronJob").path("spec").path("jobTemplate").path("spec");
        JsonNode container = job.path("template").path("spec").path("containers").get(0);
        assertEquals("Indexed", job.path("completionMode").asText());
        int pods = job.path("completions").asInt();
        assertEquals(pods, job.path("parallelism").asInt(), "every pod at once");
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertEquals(String.valueOf(pods), env.get("ALERTAS_SHARDS"), "as many shards as pods");

        Path config = configMap(only(objects, "ConfigMap"), dir.resolve("etc-alertas"), node);
        env.putAll(SECRETS);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText().equals("/etc/alertas") ? config.toString() : a.asText()));
        Map<String, String> lastRuns = lastRuns(config);
        Set<String> all = new TreeSet<>(activeAlerts(config));
        assertTrue(all.size() >= 2 * pods, "several alerts for each pod: " + all);

        Map<String, Integer> ranIn = new TreeMap<>();
        for (int index = 0; index < pods; index++) {
            env.put("JOB_COMPLETION_INDEX", String.valueOf(index));
            Run pod = pod(config, args, env);
            assertEquals(0, pod.exit(), pod.out() + pod.err());
            assertTrue(pod.err().lines().noneMatch(l -> l.startsWith("warning:")), pod.err());
            assertTrue(pod.err().contains(" INFO  [main] Pass - pass: "), "the log: " + pod.err());
            Map<String, String> after = lastRuns(config);
            for (Map.Entry<String, String> alert : after.entrySet()) {
                if (!alert.getValue().equals(lastRuns.getOrDefault(alert.getKey(), ""))) {
                    Integer before = ranIn.put(alert.getKey(), index);
                    assertEquals(null, before, alert.getKey() + " ran in pod " + before + " and in pod " + index);
                }
            }
            lastRuns = after;
        }
        assertEquals(all, ranIn.keySet(), "every active alert ran, in one pod");
        assertEquals(pods, new TreeSet<>(ranIn.values()).size(), "every pod ran some: " + ranIn);
    }

    /** The ConfigMap's files in {@code dir}, pointed at the test cluster and its CA, with a ConfigMap's modes. */
    private static Path configMap(JsonNode configMap, Path dir, ElasticsearchNode node) throws IOException {
        Files.createDirectories(dir);
        for (Iterator<Map.Entry<String, JsonNode>> it = configMap.path("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            Files.writeString(dir.resolve(file.getKey()), file.getValue().asText());
        }
        // the edits docs/kubernetes.md asks for: the cluster's URL, its user, and its CA beside the files
        ObjectNode credentials = (ObjectNode) COMMENTED.readTree(dir.resolve("credentials.json").toFile());
        ((ObjectNode) credentials.path("elasticsearch")).put("url", node.url().toString())
                .put("username", ElasticsearchNode.USERNAME).put("ca_certificate", "http_ca.crt");
        Files.writeString(dir.resolve("credentials.json"), credentials.toPrettyString());
        // and every alert switched on (the base ships a few), so that each pod has several to run
        ObjectNode alerts = (ObjectNode) COMMENTED.readTree(dir.resolve("alerts.json").toFile());
        alerts.forEach(alert -> ((ObjectNode) alert).put("active", true));
        Files.writeString(dir.resolve("alerts.json"), alerts.toPrettyString());
        Files.copy(node.caCertificate(), dir.resolve("http_ca.crt"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx")); // as the kubelet leaves it
        return dir;
    }

    /**
     * The objects kustomize renders from deploy/kubernetes/{@code variant}, each validated by kubernetes-models: those
     * of kubectl kustomize where there is kubectl, which render.mjs must then render alike (but for the hash that
     * kustomize adds to the ConfigMap's name); else render.mjs's.
     */
    private static JsonNode rendered(String variant) throws Exception {
        Path dir = DEPLOY.resolve(variant);
        JsonNode byNode = validated(run(MODELS, List.of("node", "render.mjs", dir.toString()), Map.of(), null));
        if (!onPath("kubectl")) {
            return byNode;
        }
        JsonNode byKubectl = validated(run(MODELS, List.of("kubectl", "kustomize", dir.toString()), Map.of(), null));
        assertEquals(JSON.readTree(byKubectl.toString().replaceAll("(alertas-config)-[a-z0-9]{10}\"", "$1\"")), byNode,
                "render.mjs renders what kubectl kustomize does");
        return byKubectl;
    }

    private static JsonNode validated(Run render) throws Exception {
        assertEquals(0, render.exit(), render.err());
        Run validate = run(MODELS, List.of("node", "validate.mjs"), Map.of(), render.out());
        assertEquals(0, validate.exit(), validate.err());
        return JSON.readTree(validate.out());
    }

    private static JsonNode only(JsonNode objects, String kind) {
        List<JsonNode> found = new ArrayList<>();
        objects.forEach(o -> {
            if (o.path("kind").asText().equals(kind)) {
                found.add(o);
            }
        });
        assertEquals(1, found.size(), "one " + kind + " in " + objects);
        return found.get(0);
    }

    /** Each alert's last run, as status says it from the state index. */
    private static Map<String, String> lastRuns(Path config) throws IOException {
        Map<String, String> runs = new TreeMap<>();
        for (JsonNode alert : status(config).path("alerts")) {
            if (!alert.path("last_run").isNull()) {
                runs.put(alert.path("alert").asText(), alert.path("last_run").asText());
            }
        }
        return runs;
    }

    private static List<String> activeAlerts(Path config) throws IOException {
        List<String> active = new ArrayList<>();
        status(config).path("alerts").forEach(a -> {
            if (a.path("active").asBoolean()) {
                active.add(a.path("alert").asText());
            }
        });
        return active;
    }

    private static JsonNode status(Path config) throws IOException {
        TestingConfig.Result status = TestingConfig.runMain(SECRETS, "status", "--json", "--config", config.toString());
        assertEquals(0, status.exit(), status.err());
        return JSON.readTree(status.out());
    }

    /** One pod: the packaged runner with the container's args and env, its config dir read-only. */
    private static Run pod(Path config, List<String> args, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder command = new StringBuilder(CONFIG_MAP + " && exec \"$JAVA\" -XX:TieredStopAtLevel=1 -jar \"$JAR\"");
        for (int i = 0; i < args.size(); i++) {
            command.append(" \"$ARG").append(i).append('"');
        }
        Map<String, String> environment = new HashMap<>(env);
        environment.putAll(Map.of("JAVA", java, "JAR", JAR.toAbsolutePath().toString(), "DIR", config.toString()));
        for (int i = 0; i < args.size(); i++) {
            environment.put("ARG" + i, args.get(i));
        }
        return run(config, List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", command.toString()),
                environment, null);
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).anyMatch(p -> Files.isExecutable(Path.of(p, program)));
    }

    private static Run run(Path dir, List<String> command, Map<String, String> environment, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment);
        Path err = Files.createTempFile("kubernetes-it", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        String errors = Files.readString(err);
        Files.delete(err);
        return new Run(exit, out, errors);
    }
}
