package io.alertas.runner;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.alertas.testkit.ElasticsearchNode;
import io.alertas.testkit.RecordingHttpServerExtension;
import io.alertas.testkit.TestFields;
import io.alertas.testkit.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a {@link TestingConfig} parameter: a config dir of its own, deleted after the test, pointing at the
 * shared Elasticsearch node with the demo's logons and metrics indexed (unless {@link #withoutDemoFixtures()}), at the test's receiver (the
 * {@link io.alertas.testkit.RecordingHttpServer} that {@link RecordingHttpServerExtension} gives the test) under
 * the webhook path, and at an SMTP server: port 25, where nobody listens, or a GreenMail server of the class. One
 * config per test, set before the test into the test instance's fields of type {@link TestingConfig} and the same
 * to its {@code @BeforeEach} methods and to the test as a parameter. Register it in a static field:
 * {@code @RegisterExtension static final ConfigDirExtension CONFIG = new ConfigDirExtension("/hook");}, after the
 * GreenMail extension it names, with {@code ElasticsearchExtension} and {@code RecordingHttpServerExtension}.
 */
final class ConfigDirExtension implements ParameterResolver, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConfigDirExtension.class);

    private final String webhookPath;
    private final GreenMailExtension smtp;
    private final boolean demoFixtures;

    /** Config dirs whose Slack webhook is {@code webhookPath} on the test's receiver and whose SMTP port is 25. */
    ConfigDirExtension(String webhookPath) {
        this(webhookPath, null, true);
    }

    private ConfigDirExtension(String webhookPath, GreenMailExtension smtp, boolean demoFixtures) {
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
    public void beforeEach(ExtensionContext context) {
        TestFields.set(context, TestingConfig.class, config(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestingConfig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return config(context);
    }

    private TestingConfig config(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestingConfig.class, type -> create(context), ConfigDir.class).config();
    }

    private ConfigDir create(ExtensionContext context) {
        ElasticsearchNode node = ElasticsearchNode.shared();
        if (demoFixtures) {
            TestingConfig.indexFixtures(node);
        }
        try {
            Path dir = Files.createTempDirectory("alertas-config");
            return new ConfigDir(new TestingConfig(dir, node, RecordingHttpServerExtension.of(context).url(webhookPath),
                    smtp == null ? 25 : smtp.getSmtp().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the config dir when its test's store is closed. */
    private record ConfigDir(TestingConfig config) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            Trees.delete(config.dir);
        }
    }
}
