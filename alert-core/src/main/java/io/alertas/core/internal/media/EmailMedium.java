package io.alertas.core.internal.media;

import io.alertas.spi.DeliveryException;
import io.alertas.spi.Finding;
import io.alertas.spi.Medium;
import io.alertas.spi.Notification;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/** Sends a notification by SMTP as a text and HTML message. Passwords never appear in a message. */
final class EmailMedium implements Medium, Reachable {

    /** How the connection to the SMTP server is protected. */
    enum Security { NONE, STARTTLS, SSL }

    /** Where the SMTP server listens, how the connection is protected, and the private CA to trust (null: the JVM's roots). */
    record Server(String host, int port, Security security, SSLContext ca) {
    }

    private static final String TIMEOUT_MS = "30000";

    private final Properties props = new Properties();
    /** Made on the first use: most passes send no mail, and a session loads Jakarta Mail's providers. */
    private Session session;
    private final String server;
    private final InternetAddress from;
    private final Address[] to;
    private final String username;
    private final String password;

    EmailMedium(Server server, String username, String password, InternetAddress from, List<InternetAddress> to) {
        Security security = server.security();
        String protocol = security == Security.SSL ? "smtps" : "smtp";
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", server.host());
        props.put("mail." + protocol + ".port", String.valueOf(server.port()));
        props.put("mail." + protocol + ".auth", String.valueOf(username != null));
        props.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        if (security == Security.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (security != Security.NONE) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        if (server.ca() != null) {
            // Used both for an SMTPS connection and for the STARTTLS upgrade of a plain one.
            props.put("mail." + protocol + ".ssl.socketFactory", server.ca().getSocketFactory());
        }
        this.server = server.host() + ":" + server.port();
        this.from = from;
        this.to = to.toArray(new Address[0]);
        this.username = username;
        this.password = password;
    }

    private synchronized Session session() {
        if (session == null) {
            session = Session.getInstance(props);
        }
        return session;
    }

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        // The session's transport, not Transport.send: that picks "smtp" for an address and would skip SMTPS.
        try (Transport transport = session().getTransport()) {
            MimeMessage message = message(notification);
            message.saveChanges();
            connect(transport);
            transport.sendMessage(message, message.getAllRecipients());
        } catch (AuthenticationFailedException e) {
            throw new DeliveryException("SMTP server refused the login of \"" + username
                    + "\"; check email.smtp.username and password in credentials.json", false, null, null);
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP delivery failed: " + describe(e), true, null, null);
        }
    }

    /** Connects to the SMTP server and logs in when a username is set, then quits without sending. */
    @Override
    public String reach() throws IOException {
        try (Transport transport = session().getTransport()) {
            connect(transport);
            return "SMTP " + server + (username == null ? " answered" : " accepted the login of \"" + username + "\"");
        } catch (AuthenticationFailedException e) {
            throw new IOException("SMTP server refused the login of \"" + username + "\"; check email.smtp.username and password");
        } catch (MessagingException e) {
            throw new IOException("SMTP server cannot be reached: " + describe(e));
        }
    }

    private void connect(Transport transport) throws MessagingException {
        if (username == null) {
            transport.connect();
        } else {
            transport.connect(username, password);
        }
    }

    MimeMessage message(Notification n) throws MessagingException {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject(n), "UTF-8");
        message.setSentDate(Date.from(n.firedAt()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(Text.plain(n), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(n), "UTF-8", "html");
        MimeMultipart alternatives = new MimeMultipart("alternative", text, html);
        message.setContent(alternatives);
        return message;
    }

    static String subject(Notification n) {
        return Text.oneLine("[Alertas] " + n.title());
    }

    static String html(Notification n) {
        StringBuilder out = new StringBuilder("<html><body>\n<h2>").append(escape(n.title())).append("</h2>\n<p>")
                .append(escape(n.message())).append("</p>\n");
        if (!n.findings().isEmpty()) {
            out.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n<tr><th>Key</th><th>Finding</th></tr>\n");
            for (Finding f : n.findings()) {
                out.append("<tr><td>").append(escape(f.key())).append("</td><td>").append(escape(f.text()))
                        .append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        if (!n.link().isEmpty()) {
            out.append("<p><a href=\"").append(escape(n.link())).append("\">Open the window in Kibana Discover</a></p>\n");
        }
        return out.append("<p><small>").append(escape(Text.context(n))).append("</small></p>\n</body></html>\n")
                .toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** One line: Jakarta Mail's message, and what refused a TLS handshake (a certificate, a name) with a hint. */
    private static String describe(MessagingException e) {
        Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
        String what = Text.oneLine(String.valueOf(e.getMessage()));
        if (cause instanceof SSLException) {
            Throwable root = cause;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return what + " (TLS refused: " + Text.oneLine(String.valueOf(root.getMessage()))
                    + "; check email.smtp.host against the server's certificate, and email.smtp.ca_certificate)";
        }
        return cause == null ? what : what + " (" + cause.getClass().getSimpleName() + ")";
    }
}
