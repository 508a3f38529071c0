import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The least a Java pass does, for bench/run.sh: trust the cluster's CA, send the searches in one _msearch over
 * TLS with java.net.http, read the answer with Jackson. No config, no logging, no state, no evaluation.
 * Arguments: the _msearch URL, the CA file, user:password, the ndjson body's file.
 */
public final class JavaFloor {
    public static void main(String[] args) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream ca = Files.newInputStream(Path.of(args[1]))) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0]))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(args[2].getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of(args[3]))).build();
        JsonNode answer = new ObjectMapper().readTree(client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        System.out.println(answer.path("responses").size() + " answers");
        // Java 17's HttpClient cannot be closed; its selector thread, left in native code, holds the JVM's exit 300 ms.
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().endsWith("-SelectorManager")).forEach(Thread::interrupt);
    }
}
