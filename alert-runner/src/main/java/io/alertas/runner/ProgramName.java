package io.alertas.runner;

import java.util.regex.Pattern;

/**
 * How the runner names itself in its messages: as its launcher says with {@code -Dalertas.command=alertas}
 * (bin/alertas, the package's and the image's), else as the jar that a user started with {@code java -jar}.
 */
final class ProgramName {

    static final String PROPERTY = "alertas.command";
    /** A command name that prints as it is: no space, no control or bidi character, not a paragraph. */
    private static final Pattern COMMAND = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ProgramName() {
    }

    /** The name that starts each error line: the launcher's command, else {@code alert-runner}. */
    static String name() {
        return command() == null ? "alert-runner" : command();
    }

    /** What a user types to run it again: the launcher's command, else {@code java -jar alert-runner.jar}. */
    static String invocation() {
        return command() == null ? "java -jar alert-runner.jar" : command();
    }

    private static String command() {
        String command = System.getProperty(PROPERTY);
        return command != null && COMMAND.matcher(command).matches() ? command : null;
    }
}
