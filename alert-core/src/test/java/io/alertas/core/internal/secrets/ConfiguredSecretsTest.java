package io.alertas.core.internal.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Whether credentials.json, as written, holds a secret itself: what the "readable by group or others" warning is for. */
class ConfiguredSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean held(String credentials) throws Exception {
        return ConfiguredSecrets.heldIn(JSON.readTree(credentials));
    }

    @Test
    void aFileWhoseSecretsAreAllVariablesHoldsNone() throws Exception {
        assertFalse(held("""
                {"elasticsearch": {"url": "https://es:9200", "username": "alertas", "password": "${ES_PASSWORD}"},
                 "state": {"store": "elasticsearch"}, "slack": {"webhook_url": "${SLACK_WEBHOOK_URL}"}}
                """));
        assertTrue(held("""
                {"elasticsearch": {"url": "https://es:9200", "username": "alertas", "password": "written-here"}}
                """));
        assertTrue(held("""
                {"elasticsearch": {"url": "https://es:9200", "api_key": "${ES_API_KEY}"},
                 "slack": {"webhook_url": "https://hooks.slack.com/services/T0/B0/secretpath1"}}
                """));
        assertTrue(held("""
                {"webhook": {"url": "https://example.com/hook", "headers": {"Authorization": "Bearer abc${X}defghijk"}}}
                """), "a variable inside a value leaves the rest of it written");
    }
}
