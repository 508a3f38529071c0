package io.alertas.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} only (the name, not the address 127.0.0.1) in a PKCS#12 keystore
 * for a test SMTP or HTTPS server, its PEM file for the client to trust, and the PEM file of another, unrelated certificate:
 * made with the JDK's keytool.
 */
public record TestingTls(Path keystore, Path certificate, Path otherCertificate) {

    public static final String PASSWORD = "testing-tls-keystore";

    public static TestingTls make(Path dir) throws IOException, InterruptedException {
        TestingTls tls = new TestingTls(dir.resolve("server.p12"), dir.resolve("server.crt"), dir.resolve("other.crt"));
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-validity", "3650", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-keystore", tls.keystore.toString());
        writePem(tls.keystore, "server", tls.certificate);
        Path other = dir.resolve("other.p12");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-validity", "3650", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-keystore", other.toString());
        writePem(other, "other", tls.otherCertificate);
        return tls;
    }

    /** The server side: presents the certificate of {@link #keystore}. */
    public SSLContext serverContext() throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void writePem(Path store, String alias, Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getCertificate(alias).getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
