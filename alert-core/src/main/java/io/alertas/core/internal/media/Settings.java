package io.alertas.core.internal.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.elasticsearch.TrustedCa;
import io.alertas.spi.Responses;
import io.alertas.spi.SettingException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/** Typed reads from a medium's section of credentials.json, failing with the field's name. */
public final class Settings {

    private Settings() {
    }

    public static String required(JsonNode section, String field) throws SettingException {
        String value = optional(section, field, null);
        if (value == null) {
            throw new SettingException(field, "is missing");
        }
        return value;
    }

    public static String optional(JsonNode section, String field, String fallback) throws SettingException {
        JsonNode value = Responses.at(section, field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new SettingException(field, "must be a non-empty string");
        }
        return value.asText();
    }

    public static int port(JsonNode section, String field, int fallback) throws SettingException {
        JsonNode value = Responses.at(section, field);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 65_535) {
            throw new SettingException(field, "must be a port number from 1 to 65535");
        }
        return value.asInt();
    }

    /** An http(s) URL; a secret, so a bad one is refused without quoting it. */
    public static URI url(JsonNode section, String field, boolean required, String what) throws SettingException {
        String text = required ? required(section, field) : optional(section, field, null);
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text);
            if (("https".equals(url.getScheme()) || "http".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // said below, without the value
        }
        throw new SettingException(field, "must be an http(s) URL of " + what);
    }

    /** A string or a list of strings. */
    public static List<String> list(JsonNode section, String field) throws SettingException {
        JsonNode value = Responses.at(section, field);
        List<String> items = new ArrayList<>();
        if (value.isTextual() && !value.asText().isBlank()) {
            items.add(value.asText());
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual() || item.asText().isBlank()) {
                    throw new SettingException(field, "must list addresses as strings");
                }
                items.add(item.asText());
            }
        }
        if (items.isEmpty()) {
            throw new SettingException(field, "needs at least one address");
        }
        return items;
    }

    /**
     * The private CA a medium verifies its server's TLS certificate against: the PEM file that {@code field} names
     * by absolute path, or null for the JVM's roots. TLS is always verified; this only changes whom it trusts.
     */
    public static SSLContext caCertificate(JsonNode section, String field, String example) throws SettingException {
        String ca = optional(section, field, null);
        if (ca == null) {
            return null;
        }
        Path path;
        try {
            path = Path.of(ca);
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path == null || !path.isAbsolute()) {
            throw new SettingException(field, "must be an absolute path, such as \"" + example + "\"");
        }
        try {
            return TrustedCa.trusting(path);
        } catch (NoSuchFileException e) {
            throw new SettingException(field, "cannot be used: " + path + " does not exist");
        } catch (IOException e) {
            throw new SettingException(field, "cannot be used: " + e.getMessage());
        }
    }
}
