package io.alertas.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.alertas.core.pass.Problem;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each kind of setting read by its one rule, its problem said once at its key's file:line:col. */
class SettingReaderTest {

    private final List<Problem> problems = new ArrayList<>();

    private SettingReader read(String text, String alert) throws ConfigException {
        LocatedJson file = LocatedJson.parse("test.json", text);
        return new SettingReader(file, file.root(), "", alert, problems);
    }

    private String said() {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void eachWrongValueIsSaidAtItsPlaceAndItsFallbackIsKept() throws Exception {
        SettingReader settings = read("""
                {"name": " ", "url": "ftp://x", "wait": "soon", "count": 0, "on": "yes", "tags": [1]}""", "a");

        assertNull(settings.text("name", false));
        assertNull(settings.url("url", true, "https://example.com"));
        assertEquals(Duration.ofSeconds(7), settings.duration("wait", Duration.ofSeconds(7)));
        assertEquals(3, settings.count("count", 3, 1, 10, "of things from 1 to 10"));
        assertFalse(settings.flag("on", false));
        assertEquals(List.of(), settings.strings("tags"));
        assertEquals("""
                test.json:1:2: alert "a": "name" must be a non-empty string
                test.json:1:15: alert "a": "url" must be an http(s) URL such as "https://example.com"
                test.json:1:33: alert "a": "wait" must be minutes (a number) or a duration like "90s", "30m", "2h", "1d"
                test.json:1:49: alert "a": "count" must be a whole number of things from 1 to 10
                test.json:1:61: alert "a": "on" must be true or false
                test.json:1:74: alert "a": "tags" must be a string or a list of strings""", said());
    }

    @Test
    void anAbsentOrNullStringIsNotGivenAndARequiredOneIsSaidMissingAtItsSection() throws Exception {
        SettingReader settings = read("{\n  \"section\": {\"given\": null}}", null);

        assertNull(settings.child("section").text("given", false));
        assertNull(settings.child("section").text("needed", true));
        assertEquals("test.json:2:3: \"needed\" is missing", said());
    }

    @Test
    void aUrlWithAUserIsRefusedWithoutQuotingIt() throws Exception {
        SettingReader settings = read("{\"url\": \"https://me:secret@example.com\", \"ok\": \"https://example.com/x\"}", null);

        assertNull(settings.url("url", true, "https://example.com"));
        assertEquals(URI.create("https://example.com/x"), settings.url("ok", true, "https://example.com"));
        assertEquals("test.json:1:2: \"url\" holds a user name or password; give them as \"username\" and \"password\","
                + " where they are kept out of messages", said());
        assertFalse(said().contains("secret"), said());
    }

    @Test
    void unknownKeysAreListedWithTheKnownInTheirOrderAndListElementsArePlaced() throws Exception {
        SettingReader settings = read("{\"rules\": [{\"media\": \"a\"},\n {\"medai\": \"b\"}]}", null);

        settings.child("rules").element(1).unknown("route setting", List.of("severity", "media"));

        assertEquals("test.json:2:3: unknown route setting \"medai\"; known: severity, media", said());
    }
}
