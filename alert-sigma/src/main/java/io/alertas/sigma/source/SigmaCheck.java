package io.alertas.sigma.source;

import io.alertas.sigma.mapping.Mappings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code sigma check} reports: which of the rules under some paths would load as alerts and which are skipped,
 * and why, as sigma.json's default selection (every status but deprecated and unsupported) would load them.
 */
public final class SigmaCheck {

    private SigmaCheck() {
    }

    /**
     * The rules under {@code paths} (files or folders), mapped with the built-in mapping {@code mapping} with
     * {@code mappingFile} laid over it when not null.
     *
     * @throws IllegalArgumentException naming the path, mapping or file that is wrong
     */
    public static Skips run(List<Path> paths, String mapping, Path mappingFile) {
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException(path + " does not exist");
            }
        }
        Mappings mappings = Mappings.named(mapping == null ? SigmaSettings.DEFAULT_MAPPING : mapping);
        if (mappingFile != null) {
            mappings = mappings.overriddenBy(mappingFile);
        }
        Path here = Path.of("").toAbsolutePath();
        return SigmaLoad.run(paths.stream().map(p -> p.toAbsolutePath().normalize()).toList(), here, mappings, Map.of(),
                Selection.DEFAULT, Map.of()).skips();
    }
}
