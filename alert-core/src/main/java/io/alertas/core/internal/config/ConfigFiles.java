package io.alertas.core.internal.config;

import io.alertas.core.internal.files.RegularFiles;
import io.alertas.core.pass.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** How a file of the config dir is read: a regular file of at most 10 MB, and for the two top files, a JSON object. */
final class ConfigFiles {

    private static final long MAX_FILE_BYTES = 10L << 20;

    private ConfigFiles() {
    }

    /**
     * The text of {@code file}, read without blocking on a FIFO or a device. Any other problem than a missing
     * file is added to {@code problems}, shown as {@code shown}, and the text is then null.
     *
     * @throws NoSuchFileException when the file does not exist, which may be no problem at all
     */
    static String text(Path file, String shown, String alert, List<Problem> problems) throws NoSuchFileException {
        try {
            return new String(RegularFiles.read(file, MAX_FILE_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (RegularFiles.UnfitFileException e) {
            problems.add(new Problem(shown, alert, e.reason()));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(shown, alert, "cannot be read: " + e.getMessage()));
            return null;
        }
    }

    /**
     * The JSON object of the file {@code name} of {@code dir}; null, with the problem added, when it cannot be
     * read or holds something else, and when it does not exist: a problem said by {@code whenMissing}, unless
     * that is null for a file that may be left out.
     */
    static LocatedJson object(Path dir, String name, String whenMissing, List<Problem> problems) {
        Path file = dir.resolve(name);
        String text;
        try {
            text = text(file, file.toString(), null, problems);
        } catch (NoSuchFileException e) {
            if (whenMissing != null) {
                problems.add(new Problem(file.toString(), null, whenMissing));
            }
            return null;
        }
        if (text == null) {
            return null;
        }
        try {
            LocatedJson json = LocatedJson.parse(name, text);
            if (!json.root().isObject()) {
                problems.add(new Problem(json.at(""), null, "must hold a JSON object"));
                return null;
            }
            return json;
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
