package io.alertas.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes a {@link Medium} from its section of {@code credentials.json}; found with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/io.alertas.spi.MediumProvider}.
 *
 * <p>The section is named after {@link #name()}: the provider named {@code "slack"} gets the object under
 * {@code "slack"}, with every {@code "${NAME}"} already replaced by the environment variable. It is never
 * null. Report a bad or missing setting by throwing {@link SettingException} naming the field.
 */
public interface MediumProvider {

    /** The medium's name and its section in credentials.json. */
    String name();

    Medium create(JsonNode settings) throws SettingException;
}
