package io.alertas.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The OpenSearch security plugin on a test node: installed into an {@link Installation} from its zip in the local
 * Maven repository, with the test user as its only internal user (mapped to {@code all_access}), and the settings
 * that make one node serve TLS on HTTP and on transport with the {@link TestCertificates}. The plugin builds its
 * security index from these files on the node's first start ({@code allow_default_init_securityindex}), so no admin
 * certificate and no {@code securityadmin} run are needed.
 */
final class OpenSearchSecurity {

    /** The settings of a node with the plugin, beside the installation's {@code ca/} and {@code node/} folders. */
    static final List<String> SETTINGS = List.of(
            "plugins.security.ssl.transport.pemcert_filepath: node/node.crt",
            "plugins.security.ssl.transport.pemkey_filepath: node/node.key",
            "plugins.security.ssl.transport.pemtrustedcas_filepath: ca/ca.crt",
            "plugins.security.ssl.transport.enforce_hostname_verification: false",
            "plugins.security.ssl.http.enabled: true",
            "plugins.security.ssl.http.pemcert_filepath: node/node.crt",
            "plugins.security.ssl.http.pemkey_filepath: node/node.key",
            "plugins.security.ssl.http.pemtrustedcas_filepath: ca/ca.crt",
            "plugins.security.allow_default_init_securityindex: true",
            "plugins.security.nodes_dn: [\"CN=localhost\"]");

    private OpenSearchSecurity() {
    }

    /** Installs the plugin into the installation's home and makes the test user its one internal user. */
    static void install(Installation installation) throws IOException, InterruptedException {
        Path zip = requirePlugin(installation.cluster());
        Path home = installation.home();
        Path config = home.resolve("config");
        Map<String, String> environment = Map.of("OPENSEARCH_JAVA_HOME", installation.java().toString(),
                "OPENSEARCH_PATH_CONF", config.toString());
        TestCertificates.run(command(environment, home.resolve("bin/opensearch-plugin").toString(), "install", "--batch",
                zip.toUri().toString()), "opensearch-plugin install");
        // The plugin's zip leaves its tools without the executable bit.
        String hash = TestCertificates.run(command(environment, "bash",
                home.resolve("plugins/opensearch-security/tools/hash.sh").toString(), "-p", ElasticsearchNode.PASSWORD), "hash.sh")
                .lines().filter(line -> line.startsWith("$2")).reduce((first, last) -> last)
                .orElseThrow(() -> new IOException("the security plugin's hash.sh printed no bcrypt hash"));
        Files.writeString(config.resolve("opensearch-security/internal_users.yml"), String.join("\n",
                "_meta:",
                "  type: \"internalusers\"",
                "  config_version: 2",
                ElasticsearchNode.USERNAME + ":",
                "  hash: \"" + hash + "\"",
                "  backend_roles: [\"admin\"]",
                ""));
    }

    /** The plugin's zip in the local Maven repository; checked before anything is unpacked. */
    static Path requirePlugin(Cluster cluster) {
        Path zip = cluster.securityPlugin();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(cluster.displayName() + "'s security plugin not found at " + zip + "; fetch it: mvn"
                    + " dependency:get -Dartifact=" + cluster.securityPluginCoordinates());
        }
        return zip;
    }

    private static ProcessBuilder command(Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }
}
