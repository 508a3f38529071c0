package io.alertas.core.internal.elasticsearch;

import io.alertas.core.internal.files.RegularFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS set-up of a private cluster (or a medium's private service): trust the CA certificates of a PEM file
 * instead of the JVM's roots.
 */
public final class TrustedCa {

    private static final long MAX_CA_BYTES = 1 << 20;

    private TrustedCa() {
    }

    /** @throws IOException when {@code caFile} cannot be read, or holds no readable PEM certificate */
    public static SSLContext trusting(Path caFile) throws IOException {
        try (InputStream in = new ByteArrayInputStream(RegularFiles.read(caFile, MAX_CA_BYTES))) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(caFile + " holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile + " is not a readable PEM certificate: " + e.getMessage(), e);
        }
    }
}
