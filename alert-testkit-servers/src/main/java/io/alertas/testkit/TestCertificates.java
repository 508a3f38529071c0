package io.alertas.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A CA, a node certificate for localhost signed by it (both made with the JDK's keytool, as every version's
 * integ-test zip lacks some of Elasticsearch's certificate tool), and on Elasticsearch the test user in a file realm:
 * the security of a secured {@link Installation}, made once with it (OpenSearch's user is {@link OpenSearchSecurity}'s).
 */
final class TestCertificates {

    /** Guards only the test CA's and node's keystores, which are thrown away once the PEM files are written. */
    private static final String KEYSTORE_PASSWORD = "alertas-test-keystore";

    private TestCertificates() {
    }

    /**
     * Writes {@code ca/ca.crt}, {@code node/node.crt} and {@code node/node.key} under the installation's security
     * folder, and adds the test user to an Elasticsearch {@code config}.
     */
    static void make(Installation installation, Path config) throws IOException, InterruptedException {
        Path security = installation.security();
        Path ca = Files.createDirectories(security.resolve("ca"));
        Path node = Files.createDirectories(security.resolve("node"));
        Path caStore = security.resolve("ca.p12");
        Path nodeStore = security.resolve("node.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", "CN=Alertas test CA", "-ext", "bc:c", "-keystore", caStore.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(),
                "-file", ca.resolve("ca.crt").toString());
        keytool("-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", "CN=localhost", "-keystore", nodeStore.toString());
        keytool("-certreq", "-alias", "node", "-keystore", nodeStore.toString(),
                "-file", security.resolve("node.csr").toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-validity", "3650",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-infile", security.resolve("node.csr").toString(),
                "-outfile", node.resolve("node.crt").toString());
        Files.writeString(node.resolve("node.key"), privateKeyPem(nodeStore, "node"));
        if (installation.cluster().flavour() != Cluster.Flavour.ELASTICSEARCH) {
            return;
        }
        List<String> useradd = List.of(installation.home().resolve("bin").resolve("elasticsearch-users").toString(),
                "useradd", ElasticsearchNode.USERNAME, "-p", ElasticsearchNode.PASSWORD, "-r", "superuser");
        ProcessBuilder builder = new ProcessBuilder(useradd);
        builder.environment().putAll(Map.of("ES_JAVA_HOME", installation.java().toString(), "ES_PATH_CONF", config.toString()));
        run(builder, "elasticsearch-users");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", KEYSTORE_PASSWORD));
        run(new ProcessBuilder(command), "keytool " + args[0]);
    }

    private static String privateKeyPem(Path store, String alias) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, KEYSTORE_PASSWORD.toCharArray());
            byte[] pkcs8 = keys.getKey(alias, KEYSTORE_PASSWORD.toCharArray()).getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IOException("could not read the node key from " + store + ": " + e.getMessage(), e);
        }
    }

    /** Runs a tool of the JDK or the distribution and returns what it printed; throws with its output when it fails. */
    static String run(ProcessBuilder builder, String name) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(name + " failed: " + output);
        }
        return output;
    }
}
