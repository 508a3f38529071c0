package io.alertas.sigma.rule;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.alertas.sigma.SigmaException;
import io.alertas.sigma.Texts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The YAML documents of one rule file as trees, read with limits that a hostile file cannot get past: its size,
 * its nesting, duplicate keys; every failure is one line naming the file and the place.
 */
final class YamlDocuments {

    /** The largest rule file read; SigmaHQ's largest is under 100 KB. */
    static final int MAX_CHARS = 1_000_000;

    /** Deeper than any Sigma rule needs (a detection is about four levels deep). */
    static final int MAX_DEPTH = 64;

    private static final ObjectMapper MAPPER = mapper();

    private YamlDocuments() {
    }

    private static ObjectMapper mapper() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS + 1);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        return YAMLMapper.builder(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** The documents of {@code yaml}, empty ones left out. */
    static List<JsonNode> read(String origin, String yaml) throws SigmaException {
        if (yaml.length() > MAX_CHARS) {
            throw new SigmaException(SigmaException.Reason.INVALID, origin + ": the file is over 1 MB ("
                    + yaml.length() + " characters); a Sigma rule is a few KB");
        }
        refuseControlCharacters(origin, yaml);
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = new NoAliases((YAMLParser) MAPPER.createParser(new RoomyReader(yaml)))) {
            while (parser.nextToken() != null) {
                JsonNode document = MAPPER.readTree(parser);
                if (document != null && !document.isMissingNode() && !document.isNull()) {
                    documents.add(document);
                }
            }
        } catch (JsonProcessingException e) {
            throw new SigmaException(SigmaException.Reason.INVALID, origin + where(e.getLocation()) + ": "
                    + Texts.oneLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            // snakeyaml reports its limits (nesting, code points) as its own exceptions, some unchecked
            throw new SigmaException(SigmaException.Reason.INVALID, origin + ": not YAML: "
                    + Texts.oneLine(String.valueOf(e.getMessage())));
        }
        return documents;
    }

    /** YAML refuses them too, but with no word of which; bidi controls are left to the rule's parts. */
    private static void refuseControlCharacters(String origin, String yaml) throws SigmaException {
        int line = 1;
        int column = 1;
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\r') {
                throw new SigmaException(SigmaException.Reason.INVALID, origin + ":" + line + ":" + column
                        + ": the control character " + String.format("U+%04X", (int) c)
                        + " is not allowed in a rule file");
            }
            column++;
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return ":" + location.getLineNr() + ":" + location.getColumnNr();
    }
}
