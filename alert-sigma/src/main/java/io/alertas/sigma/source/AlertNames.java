package io.alertas.sigma.source;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names alerts stably from their rules: {@code sigma.} and the rule file's name without extension, {@code .2},
 * {@code .3} for a file's second and third document, and a name already taken gets {@code .} and the first 8
 * characters of the rule's id (then a number, should that be taken too). What an alert name cannot hold becomes
 * {@code _}.
 */
final class AlertNames {

    private final Set<String> taken = new HashSet<>();

    /** The name of the {@code document}th (from 1) rule of {@code fileName}, whose id is {@code id} (maybe empty). */
    String name(String fileName, int document, String id) {
        String base = fileName.replaceFirst("(?i)\\.ya?ml$", "");
        String name = clean("sigma." + base + (document > 1 ? "." + document : ""));
        if (!taken.add(name.toLowerCase(Locale.ROOT))) {
            String withId = clean(name + (id.isEmpty() ? "" : "." + id.substring(0, Math.min(8, id.length()))));
            name = withId;
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = withId + "." + n;
            }
        }
        return name;
    }

    private static String clean(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
