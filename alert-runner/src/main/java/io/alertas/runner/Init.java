package io.alertas.runner;

import io.alertas.core.Alertas;
import io.alertas.core.AlertasException;
import io.alertas.core.pass.ConfiguredAlert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code init DIR}: a config dir to start from. credentials.json (mode 600) and alertas.env (the secrets for
 * cron and systemd, mode 600) point at a cluster on localhost; alerts.json lists every alert found, switched off,
 * each with what it watches and where; plugins/ and alerts.d/ are empty. Every file is commented. The dir is
 * written whole beside its place and moved there, so a failure leaves nothing half-written; a dir that holds
 * anything is left alone.
 */
final class Init {

    static final String CREDENTIALS = """
            // Alertas: the cluster and the media, with their secrets. Keep this file readable by the runner only
            // (mode 600). A value "${NAME}" is read from the environment variable NAME: alertas.env beside this
            // file holds them for cron and systemd.
            {
              "elasticsearch": {
                // Elasticsearch 7.17, 8 or 9, or OpenSearch 2 or 3. TLS is always verified.
                "url": "https://localhost:9200",
                // A user that may read the alerts' indices, or "api_key": "${ES_API_KEY}" (Elasticsearch only).
                "username": "alertas",
                "password": "${ES_PASSWORD}"
                // The CA that signed the cluster's certificate, when it is not a public one (Elasticsearch 8
                // writes config/certs/http_ca.crt):
                // , "ca_certificate": "/etc/alertas/http_ca.crt"
              },
              // Where notifications go. An alert without "media" in alerts.json goes to every medium here
              // (or to the media of its "routes"). More kinds: email, webhook, teams, pagerduty, opsgenie.
              "slack": { "webhook_url": "${SLACK_WEBHOOK_URL}" }
            }
            """;

    static final String ENVIRONMENT = """
            # The secrets credentials.json reads as "${NAME}". systemd reads this file (EnvironmentFile=); the
            # crontab sources it. Keep it mode 600, owned by the user the runner runs as.
            ES_PASSWORD=
            SLACK_WEBHOOK_URL=
            """;

    private Init() {
    }

    /**
     * Writes the config dir {@code dir} and returns what to do next, one line each.
     *
     * @throws UsageException when {@code dir} exists and is not an empty directory, or is a link to nothing
     * @throws IOException when a file cannot be written; then nothing is left at {@code dir}
     */
    static List<String> write(Path dir, Plugins plugins) throws UsageException, IOException {
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw new UsageException(dir + " already exists and is not empty; init writes a new config dir only");
        }
        Path target = target(dir);
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path draft = Files.createTempDirectory(parent, "." + target.getFileName() + ".init-");
        try {
            Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rwx------"));
            secret(draft.resolve("credentials.json"), CREDENTIALS);
            secret(draft.resolve("alertas.env"), ENVIRONMENT);
            Files.writeString(draft.resolve("alerts.json"), "{}\n");
            Files.createDirectories(draft.resolve("plugins"));
            Files.createDirectories(draft.resolve("alerts.d"));
            Files.writeString(draft.resolve("alerts.json"), alertsJson(load(draft, plugins).alerts()));
            load(draft, plugins);
            if (Files.exists(target)) {
                Files.delete(target);
            }
            Files.move(draft, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(draft)) {
                try (Stream<Path> files = Files.walk(draft)) {
                    for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
        return List.of(
                "Wrote " + dir + ": credentials.json and alertas.env (mode 600), alerts.json, plugins/, alerts.d/.",
                "Next:",
                "  1. Edit credentials.json (the cluster's url and user; a CA file if the cluster has its own CA) and put",
                "     the secrets in alertas.env.",
                "  2. Switch on alerts in alerts.json (\"active\": true); alertas list --config " + dir + " shows them.",
                "  3. alertas validate --connect --config " + dir + "   (with the variables of alertas.env set)",
                "  4. Install the systemd timer or the crontab (docs/install.md).");
    }

    /**
     * Loads the draft as a pass would, with every variable set (to a URL, which every secret setting takes), so
     * that what init writes is known to load.
     */
    private static Alertas load(Path draft, Plugins plugins) throws IOException {
        try {
            return plugins.into(Alertas.builder().configDir(draft).environment(name -> "https://init.invalid/" + name))
                    .build();
        } catch (AlertasException e) {
            throw new IOException("the config init wrote does not load: " + e.problems().get(0), e);
        }
    }

    /** Every alert, switched off, each under a comment of what it watches, its severity and its index. */
    static String alertsJson(List<ConfiguredAlert> alerts) {
        StringBuilder out = new StringBuilder("""
                // Which alerts run, and how. Every alert found is listed, switched off: set "active": true on the
                // ones you want. Per alert: "active", "throttle_period" ("30m"), "media" (["slack"]), "index"
                // (the index pattern it reads), "params" (alertas list --params NAME --config DIR says which).
                // Index templates for the fields the built-in alerts group by: docs/alerts.md.
                {
                """);
        for (int i = 0; i < alerts.size(); i++) {
            ConfiguredAlert alert = alerts.get(i);
            out.append("  // ").append(alert.description().replaceAll("\\s+", " ")).append('\n')
                    .append("  // ").append(alert.severity().label()).append(", plugin ").append(alert.plugin())
                    .append(", reads ").append(alert.index()).append('\n')
                    .append("  \"").append(alert.name()).append("\": { \"active\": false }")
                    .append(i + 1 < alerts.size() ? ",\n" : "\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * Where the config dir goes: {@code dir}, or what it links to, so that the link stays (the new dir is renamed
     * over the path, which would replace a link). A link to nothing is refused: the rename would replace it.
     */
    private static Path target(Path dir) throws UsageException, IOException {
        if (!Files.isSymbolicLink(dir)) {
            return dir;
        }
        if (!Files.exists(dir)) {
            throw new UsageException(dir + " is a link to " + Files.readSymbolicLink(dir) + ", which does not exist;"
                    + " make that an empty directory, or give init another DIR");
        }
        return dir.toRealPath();
    }

    private static void secret(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
