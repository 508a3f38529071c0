package io.alertas.sigma.rule;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * A YAML parser that refuses aliases ({@code *name}). Jackson's YAML module does not resolve an alias: it reads it
 * as the text of its name, so {@code CommandLine|contains: *tools} would search for "tools" and never say so.
 */
final class NoAliases extends JsonParserDelegate {

    private final YAMLParser yaml;

    NoAliases(YAMLParser yaml) {
        super(yaml);
        this.yaml = yaml;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = super.nextToken();
        refuseAlias();
        return token;
    }

    @Override
    public String nextFieldName() throws IOException {
        String name = super.nextFieldName();
        refuseAlias();
        return name;
    }

    private void refuseAlias() throws IOException {
        if (yaml.isCurrentAlias()) {
            throw new JsonParseException(this, "the alias *" + yaml.getText()
                    + " is not supported in a rule: write its values out");
        }
    }
}
