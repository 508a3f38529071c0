package io.alertas.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.pass.Mask;
import java.io.PrintStream;
import java.util.List;

/**
 * The runner's stdout and stderr, one line at a time: every line passes the secrets mask and has its control
 * characters escaped.
 */
record Console(PrintStream out, PrintStream err, Mask mask) {

    /** This console, masking {@code others} from now on (the config's secrets, once it is read). */
    Console masking(Mask others) {
        return new Console(out, err, others);
    }

    /** One line on stdout. */
    void say(String line) {
        out.println(Printable.line(mask.mask(line)));
    }

    /** One line on stderr. */
    void complain(String line) {
        err.println(Printable.line(mask.mask(line)));
    }

    /** One error line on stderr, after the runner's name ({@link ProgramName}). */
    void error(String message) {
        complain(ProgramName.name() + ": " + message);
    }

    /** Rows on stdout, in columns, the first row the header. */
    void table(List<String[]> rows) {
        Tables.lines(rows).forEach(this::say);
    }

    /** A JSON document on stdout, on one line. */
    void json(JsonNode document) {
        out.println(Printable.line(mask.mask(document).toString()));
    }
}
