package io.alertas.sigma.mapping;

import java.util.List;

/**
 * Where the documents of one log source keep what a Sigma rule calls a field: {@code Image} is
 * {@code process.executable} in Elastic Common Schema.
 */
@FunctionalInterface
public interface FieldMap {

    /**
     * The document fields that hold the Sigma field {@code field} (a match on any of them is a match); empty when
     * no mapping knows the field, which makes the rule unmapped rather than silently never matching.
     */
    List<String> targets(String field);
}
