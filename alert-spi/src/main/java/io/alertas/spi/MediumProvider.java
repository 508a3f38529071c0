package io.alertas.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes a {@link Medium} from its section of {@code credentials.json}; found with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/io.alertas.spi.MediumProvider}.
 *
 * <p>The section is named after {@link #name()}: the provider named {@code "slack"} gets the object under
 * {@code "slack"}; a medium of the {@code "media"} section whose {@code "type"} is that name gets its own
 * object, without {@code "type"}. Every {@code "${NAME}"} is already replaced by the environment variable, and
 * the settings are never null. Report a bad or missing setting by throwing {@link SettingException} naming
 * the field.
 */
public interface MediumProvider {

    /** The medium's kind: its section in credentials.json, and the {@code "type"} of a named medium. */
    String name();

    Medium create(JsonNode settings) throws SettingException;
}
