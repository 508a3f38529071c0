package io.alertas.runner;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.PerTestExtension;
import io.alertas.testkit.RecordingHttpServerExtension;
import io.alertas.testkit.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a {@link TestingConfig} (in its fields of that type and as a parameter, see
 * {@link PerTestExtension}): a config dir of its own, deleted after the test, pointing at the shared Elasticsearch
 * node with the demo's logons and metrics indexed (unless {@link #withoutDemoFixtures()}), at the test's receiver
 * (the {@link io.alertas.testkit.RecordingHttpServer} that {@link RecordingHttpServerExtension} gives the test) under
 * the webhook path, and at an SMTP server: port 25, where nobody listens, or a GreenMail server of the class.
 * Register it in a static field: {@code @RegisterExtension static final ConfigDirExtension CONFIG = new
 * ConfigDirExtension("/hook");}, after the GreenMail extension it names, with {@code ElasticsearchExtension} and
 * {@code RecordingHttpServerExtension}.
 */
final class ConfigDirExtension extends PerTestExtension<TestingConfig> {

    private final String webhookPath;
    private final GreenMailExtension smtp;
    private final boolean demoFixtures;

    /** Config dirs whose Slack webhook is {@code webhookPath} on the test's receiver and whose SMTP port is 25. */
    ConfigDirExtension(String webhookPath) {
        this(webhookPath, null, true);
    }

    private ConfigDirExtension(String webhookPath, GreenMailExtension smtp, boolean demoFixtures) {
        super(TestingConfig.class);
        this.webhookPath = webhookPath;
        this.smtp = smtp;
        this.demoFixtures = demoFixtures;
    }

    /** The same, sending email to the SMTP server of {@code greenMail}. */
    ConfigDirExtension smtp(GreenMailExtension greenMail) {
        return new ConfigDirExtension(webhookPath, greenMail, demoFixtures);
    }

    /** The same, for a class that indexes its own documents and not the demo's. */
    ConfigDirExtension withoutDemoFixtures() {
        return new ConfigDirExtension(webhookPath, smtp, false);
    }

    @Override
    protected TestingConfig create(ExtensionContext context) {
        ElasticsearchNode node = ElasticsearchNode.shared();
        if (demoFixtures) {
            TestingConfig.indexFixtures(node);
        }
        try {
            Path dir = Files.createTempDirectory("alertas-config");
            return new TestingConfig(dir, node, RecordingHttpServerExtension.of(context).url(webhookPath),
                    smtp == null ? 25 : smtp.getSmtp().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void close(TestingConfig config) {
        Trees.delete(config.dir);
    }
}
