package io.alertas.core.internal.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.media.ClockedProvider;
import io.alertas.core.pass.Problem;
import io.alertas.spi.SettingException;
import java.time.Clock;
import java.util.Optional;

/**
 * Checks the settings of a medium whose secret was left unread (its variable unset, and not needed by this use of
 * the engine), as far as that can be done without the secret: its provider reads the section with a stand-in in
 * the place of each unread setting. A setting it refuses is a problem only when it is not one of those: a
 * stand-in proves nothing of the value it stands for. The medium so made is dropped; it is never used.
 */
final class UncheckedMedium {

    /** Text in the place of an unread secret: not empty, no URL, no address. */
    private static final String STAND_IN = "unread";

    private UncheckedMedium() {
    }

    /** The problem of one of {@code section}'s settings that the environment did not leave unread, if any. */
    static Optional<Problem> problem(Wiring.MediumSection section, LocatedJson file, Clock clock,
            EnvironmentValues.Resolved resolved) {
        if (!(section.settings() instanceof ObjectNode read)) {
            return Optional.empty(); // the whole section is one unread "${NAME}"
        }
        ObjectNode settings = read.deepCopy();
        for (String pointer : resolved.unread().keySet()) {
            if (pointer.startsWith(section.at() + "/")) {
                JsonPointer place = JsonPointer.compile(pointer.substring(section.at().length()));
                ((ObjectNode) settings.at(place.head())).put(place.last().getMatchingProperty(), STAND_IN);
            }
        }
        try {
            if (section.provider() instanceof ClockedProvider clocked) {
                clocked.create(settings, clock);
            } else {
                section.provider().create(settings);
            }
            return Optional.empty();
        } catch (SettingException e) {
            String at = section.at() + "/" + e.field().replace('.', '/');
            return resolved.unreadUnder(at) ? Optional.empty() : Optional.of(Wiring.problem(section.name(), at, e, file));
        } catch (RuntimeException e) {
            return Optional.empty(); // the stand-in may be what it failed on: nothing is known of the rest
        }
    }
}
