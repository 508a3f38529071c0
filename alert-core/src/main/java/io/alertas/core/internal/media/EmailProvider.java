package io.alertas.core.internal.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.Medium;
import io.alertas.spi.MediumProvider;
import io.alertas.spi.SettingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * The {@code "email"} section: {@code from}, {@code to} (one address or a list) and {@code smtp} with
 * {@code host}, {@code port}, {@code security} ({@code "none"}, {@code "starttls"} or {@code "ssl"}),
 * and optionally {@code username} and {@code password}, and {@code ca_certificate}: the PEM file of a private CA
 * that signed the server's certificate, instead of the JVM's roots.
 */
public final class EmailProvider implements MediumProvider {

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Medium create(JsonNode settings) throws SettingException {
        InternetAddress from = address("from", Settings.required(settings, "from"));
        List<InternetAddress> to = new ArrayList<>();
        for (String address : Settings.list(settings, "to")) {
            to.add(address("to", address));
        }
        String host = Settings.required(settings, "smtp.host");
        EmailMedium.Security security;
        try {
            security = EmailMedium.Security.valueOf(
                    Settings.optional(settings, "smtp.security", "starttls").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SettingException("smtp.security", "must be \"none\", \"starttls\" or \"ssl\"");
        }
        int port = Settings.port(settings, "smtp.port", switch (security) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case SSL -> 465;
        });
        String username = Settings.optional(settings, "smtp.username", null);
        String password = Settings.optional(settings, "smtp.password", null);
        if ((username == null) != (password == null)) {
            throw new SettingException(username == null ? "smtp.password" : "smtp.username",
                    "goes with \"" + (username == null ? "username" : "password") + "\"; give both, or neither");
        }
        SSLContext ca = Settings.caCertificate(settings, "smtp.ca_certificate", "/etc/alertas/smtp-ca.crt");
        if (ca != null && security == EmailMedium.Security.NONE) {
            throw new SettingException("smtp.ca_certificate", "needs \"security\": \"starttls\" or \"ssl\"; with \"none\" nothing is verified");
        }
        return new EmailMedium(new EmailMedium.Server(host, port, security, ca), username, password, from, to);
    }

    private static InternetAddress address(String field, String text) throws SettingException {
        try {
            InternetAddress address = new InternetAddress(text, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new SettingException(field, "has an address that is not valid: " + text);
        }
    }
}
