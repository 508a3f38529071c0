package io.alertas.core.internal.templates;

import io.alertas.spi.Notification;

/**
 * An alert's own title and body for one medium, each a text {@link Template} or null to keep the
 * notification's: applied to each notification of that alert just before the medium gets it. A template whose
 * rendering fails (past its budget) keeps the notification's own title or message ({@link Template#renderOr}).
 */
public record MediumTemplates(Template title, Template body) {

    /** {@code notification} with this title and body, rendered from its own fields. */
    public Notification apply(Notification notification) {
        Notification.Builder templated = notification.toBuilder();
        if (title != null) {
            templated.title(title.renderOr(notification, "title", notification::title));
        }
        if (body != null) {
            templated.message(body.renderOr(notification, "body", notification::message));
        }
        return templated.build();
    }
}
