package io.alertas.runner.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.Fixtures;
import io.alertas.testkit.RecordingHttpServer;
import io.alertas.testkit.Trees;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo of docs/development.md: a local Elasticsearch from the Maven artifact, sample Windows-security and Metricbeat
 * events, a Slack-compatible receiver and an SMTP server; then the real runner jar twice, the second pass
 * a minute later to show the throttle. Everything started is stopped at the end.
 *
 * <p>Run by {@code ./demo.sh}; its one argument is the runner jar.
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path config = Files.createTempDirectory("alertas-demo");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        say("Starting Elasticsearch " + ElasticsearchNode.VERSION + " (security on: TLS and a password) ...");
        try (ElasticsearchNode node = ElasticsearchNode.start();
             RecordingHttpServer slack = RecordingHttpServer.start()) {
            GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            smtp.start();
            try {
                say("Elasticsearch is up at " + node.url() + "; Slack receiver at " + slack.url("/") + "; SMTP on port "
                        + smtp.getSmtp().getPort());
                loadEvents(node, now);
                writeConfig(config, node, slack, smtp.getSmtp().getPort());

                say("Pass 1 at " + now + ": java -jar alert-runner.jar run --config " + config + " --now " + now);
                runner(jar, config, now);
                showSlack(slack.requests());
                showMail(smtp.getReceivedMessages());

                Instant later = now.plusSeconds(60);
                int slackBefore = slack.requests().size();
                int mailBefore = smtp.getReceivedMessages().length;
                say("Pass 2 a minute later (" + later + "): Administrator logged on again, but the alert was "
                        + "delivered less than its 30 minute throttle ago");
                runner(jar, config, later);
                say("Slack received " + (slack.requests().size() - slackBefore) + " new messages and SMTP "
                        + (smtp.getReceivedMessages().length - mailBefore) + " new mails: the throttle held them back.");

                say("The last lines of " + config.resolve("alerts.log") + ":");
                List<String> log = Files.readAllLines(config.resolve("alerts.log"));
                log.subList(Math.max(0, log.size() - 8), log.size()).forEach(l -> System.out.println("  " + l));
            } finally {
                smtp.stop();
            }
            say("Stopping Elasticsearch, the Slack receiver and the SMTP server.");
        } finally {
            Trees.delete(config);
        }
    }

    private static void loadEvents(ElasticsearchNode node, Instant now) {
        node.createIndex("winlogbeat-demo", Fixtures.json(Demo.class, "/demo/winlogbeat-mapping.json"));
        node.index("winlogbeat-demo", Fixtures.load(Demo.class, "/demo/winlogbeat.ndjson", now));
        node.createIndex("metricbeat-demo", Fixtures.json(Demo.class, "/demo/metricbeat-mapping.json"));
        node.index("metricbeat-demo", Fixtures.load(Demo.class, "/demo/metricbeat.ndjson", now));
        say("Loaded Windows 4624 logons into winlogbeat-demo and Metricbeat filesystem metrics into metricbeat-demo.");
    }

    private static void writeConfig(Path dir, ElasticsearchNode node, RecordingHttpServer slack, int smtpPort)
            throws IOException {
        ObjectNode credentials = JSON.createObjectNode();
        credentials.set("elasticsearch", node.credentials());
        credentials.putObject("slack").put("webhook_url", slack.url("/services/T000/B000/demo").toString());
        ObjectNode email = credentials.putObject("email").put("from", "alertas@example.com");
        email.putArray("to").add("ops@example.com");
        email.putObject("smtp").put("host", "127.0.0.1").put("port", smtpPort).put("security", "none");
        Files.writeString(dir.resolve("credentials.json"), credentials.toPrettyString());
        Files.setPosixFilePermissions(dir.resolve("credentials.json"), PosixFilePermissions.fromString("rw-------"));
        ObjectNode alerts = JSON.createObjectNode();
        ObjectNode logon = alerts.putObject("privileged_logon").put("index", "winlogbeat-demo");
        logon.putObject("params").putArray("users").add("Administrator").add("jesus.pacheco");
        alerts.putObject("filesystem_usage").put("index", "metricbeat-demo");
        Files.writeString(dir.resolve("alerts.json"), alerts.toPrettyString());
        say("Wrote " + dir.resolve("credentials.json") + " and alerts.json:");
        alerts.toPrettyString().lines().forEach(l -> System.out.println("  " + l));
    }

    private static void runner(Path jar, Path config, Instant now) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "run", "--config", config.toString(), "--now", now.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        output.lines().forEach(l -> System.out.println("  | " + l));
        System.out.println("  exit code " + exit);
    }

    private static void showSlack(List<RecordingHttpServer.Request> requests) throws IOException {
        say("Slack received " + requests.size() + " messages:");
        for (RecordingHttpServer.Request request : requests) {
            JsonNode message = JSON.readTree(request.body());
            System.out.println("  * " + message.path("text").asText());
            for (JsonNode block : message.path("blocks")) {
                block.path("fields").forEach(f -> System.out.println("      " + f.path("text").asText().replace("\n", ": ")));
            }
        }
    }

    private static void showMail(MimeMessage[] mails) throws Exception {
        say("The SMTP server received " + mails.length + " mails:");
        for (MimeMessage mail : mails) {
            System.out.println("  * To " + mail.getAllRecipients()[0] + ", subject: " + mail.getSubject());
            String body = GreenMailUtil.getBody(mail);
            body.lines().filter(l -> l.startsWith("- ")).distinct().limit(6)
                    .forEach(l -> System.out.println("      " + l));
        }
    }

    private static void say(String line) {
        System.out.println();
        System.out.println("== " + line);
    }
}
