package io.alertas.core.internal.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The mask hides each secret in the shapes a receiver, a proxy or a log gives it back, and leaves other text alone. */
class MaskTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSecretIsMaskedAsWrittenEscapedEncodedAndInBase64() {
        String secret = "p\"a&ss w/rd+4711";
        Secrets secrets = Secrets.builder().value(secret).build();

        for (String shape : new String[] {secret, "p\\\"a&ss w/rd+4711", "p&quot;a&amp;ss w/rd+4711",
                URLEncoder.encode(secret, StandardCharsets.UTF_8), URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"),
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))}) {
            assertEquals("said [secret] twice: [secret]", secrets.mask("said " + shape + " twice: " + shape), shape);
        }
    }

    @Test
    void aSecretQuotedInsideLargerBase64IsMaskedAtEachAlignmentInBothAlphabets() {
        String key = "R0ut1ng-k3y?>~ab";
        Secrets secrets = Secrets.builder().value(key).build();

        for (String before : new String[] {"", "{", "{\"", "{\"routing_key\":\""}) {
            byte[] body = (before + key + "\",\"event_action\":\"trigger\"}").getBytes(StandardCharsets.UTF_8);
            for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
                String encoded = encoder.encodeToString(body);
                int start = before.getBytes(StandardCharsets.UTF_8).length;
                int end = start + key.length();
                String keyAlone = encoded.substring((start * 8 + 5) / 6, end * 8 / 6);
                String masked = secrets.mask("cannot parse body " + encoded);

                assertEquals("cannot parse body " + encoded.replace(keyAlone, Secrets.MASK), masked, before);
            }
        }
    }

    @Test
    void aSecretIsMaskedInHexOfEitherCase() {
        Secrets secrets = Secrets.builder().value("Hunter2-secret").build();
        String hex = HexFormat.of().formatHex("Hunter2-secret".getBytes(StandardCharsets.UTF_8));

        assertEquals("digest [secret] / [secret]", secrets.mask("digest " + hex + " / " + hex.toUpperCase(Locale.ROOT)));
    }

    @Test
    void aShortSecretHasNoBase64MiddleRegisteredSoOtherBase64StaysWhole() {
        Secrets secrets = Secrets.builder().value("pw42").build();
        String other = Base64.getEncoder().encodeToString("a long and harmless text about nothing at all".getBytes(StandardCharsets.UTF_8));

        assertEquals(other, secrets.mask(other));
    }

    @Test
    void aJsonTreeKeepsItsStructureNamesAndLiteralsAndOnlyItsStringValuesAreMasked() throws Exception {
        Secrets secrets = Secrets.builder().value("null").value("true").value("alertas").build();

        assertEquals("{\"last_run\":null,\"failing\":true,\"alertas\":[\"[secret] and [secret]\",{\"error\":\"[secret]: 401\"}]}",
                secrets.mask(JSON.readTree("{\"last_run\":null,\"failing\":true,\"alertas\":[\"null and true\",{\"error\":\"alertas: 401\"}]}"))
                        .toString());
    }

    @Test
    void aHeaderValueIsMaskedWholeAndByItsTokenAndABasicOneByItsUserAndPassword() {
        String basic = Base64.getEncoder().encodeToString("alerter:Hunter2-secret".getBytes(StandardCharsets.UTF_8));
        Secrets secrets = Secrets.builder().value("Bearer acc3-hook-bearer-Zx81q").value("Basic " + basic).build();

        assertEquals("401 (invalid credentials: [secret])", secrets.mask("401 (invalid credentials: Bearer acc3-hook-bearer-Zx81q)"));
        assertEquals("token [secret] refused", secrets.mask("token acc3-hook-bearer-Zx81q refused"));
        assertEquals("user [secret], password [secret]", secrets.mask("user alerter:Hunter2-secret, password Hunter2-secret"));
        assertEquals("Bearer tokens are refused", secrets.mask("Bearer tokens are refused"), "the scheme alone is no secret");
        Secrets words = Secrets.builder().value("ops team").build();
        assertEquals("[secret] paged the team", words.mask("ops team paged the team"), "a short second word is no token");
    }

    @Test
    void aUrlIsMaskedWholeByItsPathAndQueryAndByTheTokensInThem() {
        Secrets secrets = Secrets.builder().url(URI.create("https://prod.logic.azure.com/workflows/a0b1c2d3e4f5/triggers/manual"
                + "/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sig=Zk3Lq9Wm2Xp8Rt5")).build();

        assertEquals("posted to [secret]", secrets.mask("posted to https://prod.logic.azure.com/workflows/a0b1c2d3e4f5/triggers"
                + "/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sig=Zk3Lq9Wm2Xp8Rt5"));
        assertEquals("bad sig [secret] for flow [secret]", secrets.mask("bad sig Zk3Lq9Wm2Xp8Rt5 for flow a0b1c2d3e4f5"));
        assertEquals("sp [secret]", secrets.mask("sp %2Ftriggers%2Fmanual%2Frun"));
        assertEquals("the workflows and triggers of 2016-06-01 at prod.logic.azure.com",
                secrets.mask("the workflows and triggers of 2016-06-01 at prod.logic.azure.com"),
                "words, dates and the host of the URL are no tokens");
    }

    @Test
    void aValueShorterThanFourCharactersIsNotMaskedSoOrdinaryTextStaysWhole() {
        Secrets secrets = Secrets.builder().value("abc").value("  ").value(null).credentials("al", "pw").build();

        assertEquals("abc pw al:pw", secrets.mask("abc pw al:pw"));
        assertEquals(null, secrets.mask((String) null));
        assertEquals("text", Secrets.NONE.mask("text"));
    }

    @Test
    void theSecretsOfCredentialsJsonAreFoundInEveryMediumSectionButTheClusterUrlIsNoSecret() throws Exception {
        Secrets secrets = ConfiguredSecrets.add(JSON.readTree("""
                {"elasticsearch": {"url": "https://es.example.com:9200", "username": "alerter", "password": "Es-Pa55-7f3c"},
                 "media": {"ops": {"type": "team-pager", "endpoint": "https://pager.example.com/v1/x9y8z7w6v5",
                                   "api_token": "tkn-31415", "headers": {"X-Org": "org-27182"}, "channel": "#ops"}},
                 "email": {"smtp": {"host": "smtp.example.com", "password": "Smtp-pw-99"}},
                 "monitoring": {"metrics_file": "alertas.prom", "dead_man_url": "https://hc-ping.com/5f1e-77aa-bb12"}}
                """), Secrets.builder()).build();

        assertEquals("https://es.example.com:9200 [secret] [secret] [secret] [secret] [secret] [secret] [secret] #ops smtp.example.com alertas.prom",
                secrets.mask("https://es.example.com:9200 Es-Pa55-7f3c x9y8z7w6v5 tkn-31415 org-27182 Smtp-pw-99 5f1e-77aa-bb12"
                        + " " + Base64.getEncoder().encodeToString("alerter:Es-Pa55-7f3c".getBytes(StandardCharsets.UTF_8))
                        + " #ops smtp.example.com alertas.prom"));
    }
}
