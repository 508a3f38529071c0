package io.alertas.runner;

import io.alertas.core.pass.Shard;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The shard a command works on: its {@code --shard}, else, for run, the environment's. {@code ALERTAS_SHARD=I/N}
 * names it; or {@code ALERTAS_SHARDS=N} with the {@code JOB_COMPLETION_INDEX} that Kubernetes gives each pod of an
 * Indexed Job (0 to N-1), so that pod K of N runs shard K+1 of N. A bad value is named with its variable.
 */
final class ShardSetting {

    static final String SHARD = "ALERTAS_SHARD";
    static final String SHARDS = "ALERTAS_SHARDS";
    static final String INDEX = "JOB_COMPLETION_INDEX";

    /** ASCII digits only: parseInt would take a sign and other scripts' digits too. */
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,10}");
    private static final Pattern I_OF_N = Pattern.compile("[0-9]{1,10}/[0-9]{1,10}");
    /** The most of a bad value a message quotes: enough to recognise it, not a screen of it. */
    static final int QUOTED = 40;

    private ShardSetting() {
    }

    /** The shard of {@code line}'s command, or empty after saying on {@code console} which variable is wrong. */
    static Optional<Shard> of(CommandLine line, Function<String, String> environment, Console console) {
        try {
            return Optional.of(of(line, environment));
        } catch (UsageException e) {
            console.error(e.getMessage() + "; nothing was run");
            return Optional.empty();
        }
    }

    private static Shard of(CommandLine line, Function<String, String> environment) throws UsageException {
        Optional<Shard> given = line.value(Option.SHARD);
        if (given.isPresent() || !(line.command() instanceof RunCommand)) {
            return given.orElse(Shard.ALL);
        }
        String shard = set(environment, SHARD);
        String shards = set(environment, SHARDS);
        if (shard != null && shards != null) {
            throw new UsageException(SHARD + " and " + SHARDS + " are both set; set " + SHARD + "=I/N, or " + SHARDS
                    + "=N with " + INDEX);
        }
        if (shard != null) {
            return shard(shard);
        }
        return shards == null ? Shard.ALL : indexed(shards, set(environment, INDEX));
    }

    private static Shard shard(String text) throws UsageException {
        if (I_OF_N.matcher(text).matches()) {
            try {
                return Shard.parse(text);
            } catch (IllegalArgumentException e) {
                // said below
            }
        }
        throw new UsageException(SHARD + " must be I/N with 1 <= I <= N, such as 1/3, not " + quoted(text));
    }

    private static Shard indexed(String shards, String index) throws UsageException {
        int count = number(SHARDS, shards, 1, Integer.MAX_VALUE, "a number of shards");
        if (index == null) {
            throw new UsageException(SHARDS + " is set but " + INDEX + " is not: " + INDEX + " (0 to N-1) is given to"
                    + " each pod of a Kubernetes Indexed Job; elsewhere set " + SHARD + "=I/N");
        }
        return new Shard(number(INDEX, index, 0, count - 1, "the index of this pod, with " + SHARDS + "=" + count) + 1,
                count);
    }

    /** {@code text} as a whole number from {@code least} to {@code most}, or a message naming {@code variable}. */
    private static int number(String variable, String text, int least, int most, String what) throws UsageException {
        if (NUMBER.matcher(text).matches()) {
            long value = Long.parseLong(text);
            if (value >= least && value <= most) {
                return (int) value;
            }
        }
        throw new UsageException(variable + " must be " + what + " from " + least + " to " + most + ", not "
                + quoted(text));
    }

    /** {@code text} in quotes, cut after {@link #QUOTED} characters (never inside one) with how many were cut. */
    private static String quoted(String text) {
        int characters = text.codePointCount(0, text.length());
        return characters <= QUOTED ? "\"" + text + "\""
                : "\"" + text.substring(0, text.offsetByCodePoints(0, QUOTED)) + "\"... (" + (characters - QUOTED)
                        + " more characters cut)";
    }

    /** The variable's value; null when it is unset or empty, as an env file that leaves it blank writes it. */
    private static String set(Function<String, String> environment, String variable) {
        String value = environment.apply(variable);
        return value == null || value.isEmpty() ? null : value;
    }
}
