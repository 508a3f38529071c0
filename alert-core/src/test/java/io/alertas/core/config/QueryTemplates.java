package io.alertas.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Query templates for unit tests of other packages. */
public final class QueryTemplates {

    private QueryTemplates() {
    }

    public static QueryTemplate of(String json) {
        try {
            return new QueryTemplate("test", new ObjectMapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
