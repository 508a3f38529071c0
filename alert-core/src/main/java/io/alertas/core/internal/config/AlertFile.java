package io.alertas.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.QueryTemplate;
import io.alertas.core.pass.Problem;
import io.alertas.spi.AlertDefinition;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * What a file of alerts.d declares, told by its shape in this one place: a {@code "type"} names a rule type
 * ({@link RuleFile}); any other file is a query whose answer a condition judges ({@link ConditionFile}).
 */
sealed interface AlertFile permits RuleFile, ConditionFile {

    /** The kind of alert that {@code root}, a file's document, declares. */
    static AlertFile of(JsonNode root) {
        return root.has("type") ? new RuleFile() : new ConditionFile();
    }

    /**
     * The alert {@code name} that {@code file} declares; null when it has problems, said with their places.
     */
    Declared declare(String name, LocatedJson file, List<Problem> problems);

    /**
     * An alert a file declares, and the file's keys that declare it; its other keys are the alert's settings.
     * {@code known} are all the keys the file may hold; {@code query} is its query, read and checked with the
     * file (null for a rule, which writes its own).
     */
    record Declared(AlertDefinition definition, Set<String> keys, SortedSet<String> known, QueryTemplate query) {
    }
}
