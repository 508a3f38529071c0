package io.alertas.sigma.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads mapping files (YAML, so JSON too) into {@link MappingFile}, every problem named with the file and place. */
final class MappingReader {

    /** A mapping is a few hundred lines; anything far past that is not one. */
    static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper YAML = mapper();

    private MappingReader() {
    }

    static MappingFile read(Path file) {
        byte[] bytes;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": a mapping file must be a regular file");
            }
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);   // a file that grows while read is bounded all the same
            }
            if (bytes.length > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": a mapping file must be under " + MAX_BYTES / 1024 + " KiB");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        MappingFile read = parse(file.toString(), bytes);
        if (read.base() != null) {
            throw new IllegalArgumentException(file + ": \"base\" is for the built-in mappings only; an installation's"
                    + " file is laid over the mapping the config names");
        }
        return read;
    }

    static MappingFile resource(String name) {
        try (InputStream in = MappingReader.class.getResourceAsStream(name + ".yml")) {
            if (in == null) {
                throw new IllegalStateException("built-in mapping " + name + ".yml is missing from the jar");
            }
            return parse(name + ".yml", in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("built-in mapping " + name + ".yml cannot be read", e);
        }
    }

    private static MappingFile parse(String origin, byte[] bytes) {
        try {
            MappingFile read = YAML.readValue(new String(bytes, StandardCharsets.UTF_8), MappingFile.class);
            if (read == null) {
                throw new IllegalArgumentException(origin + ": is empty; a mapping file holds \"products\"");
            }
            return read;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getProcessor() instanceof JsonParser parser ? parser.currentTokenLocation()
                    : e.getLocation();
            String place = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            String why = e instanceof UnrecognizedPropertyException unknown
                    ? "unknown key \"" + unknown.getPropertyName() + "\"; the keys here are "
                            + unknown.getKnownPropertyIds()
                    : e.getCause() instanceof IllegalArgumentException cause ? cause.getMessage()
                    : e.getOriginalMessage();
            throw new IllegalArgumentException(origin + place + ": " + path(e) + firstLine(why));
        }
    }

    /** Where in the tree: records are read through a buffer, so the line and column can be the map's end. */
    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : mapping.getPath()) {
            String name = step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]";
            path.append(path.isEmpty() || name.startsWith("[") ? "" : ".").append(name);
        }
        return "at " + path + ": ";
    }

    private static String firstLine(String message) {
        String line = message == null ? "malformed" : message.lines().findFirst().orElse("malformed");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static ObjectMapper mapper() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(20);
        loader.setNestingDepthLimit(50);
        loader.setCodePointLimit(MAX_BYTES);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(50).build()).build();
        return new ObjectMapper(factory)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
