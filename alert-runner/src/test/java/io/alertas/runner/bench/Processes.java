package io.alertas.runner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The benchmarks' whole processes: run one, and measure its wall time, CPU time and peak RSS. */
final class Processes {

    /** The kernel's clock ticks a second, the unit of /proc's CPU times. */
    private static final long TICKS = Long.parseLong(output("getconf", "CLK_TCK").strip());

    private Processes() {
    }

    /**
     * One process's run: its wall time; its CPU time, user and system, its own and that of the processes it
     * waited for; its peak RSS; what it printed; its exit code.
     */
    record Run(long millis, long cpuMillis, long peakRssKb, String printed, int exit) {
    }

    /** Runs one whole process, which must exit 0. */
    static Run run(List<String> command, Map<String, String> env) throws Exception {
        Run run = runAnyExit(command, env);
        if (run.exit() != 0) {
            throw new IllegalStateException(command.get(0) + " failed with " + run.exit() + ": " + run.printed());
        }
        return run;
    }

    /**
     * Runs one whole process, whatever its exit code; the peak RSS is the largest high-water mark of it and its
     * descendants, polled from /proc while it runs. Its CPU time is what the kernel added to this JVM's children's
     * times ({@code cutime} and {@code cstime} of /proc/self/stat) when the process was waited for: the user and
     * system time of the process and of every process it waited for in turn (bin/alertas's java, python's, curl's).
     * It is the process's alone as long as no other child of this JVM ends meanwhile: the benchmark runs one
     * process at a time, and the node, its other child, runs throughout.
     */
    static Run runAnyExit(List<String> command, Map<String, String> env) throws Exception {
        Path output = Files.createTempFile("alertas-bench", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        long cpuBefore = childrenCpuMillis();
        long started = System.nanoTime();
        Process process = builder.start();
        long peak = 0;
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            // bin/alertas runs java as its child, not by exec, when it makes the class-data archive
            for (ProcessHandle child : process.descendants().toList()) {
                peak = Math.max(peak, highWaterMark(Path.of("/proc", String.valueOf(child.pid()), "status")));
            }
            Thread.sleep(2);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int exit = process.waitFor();
        long cpu = childrenCpuMillis() - cpuBefore;
        String printed = Files.readString(output);
        Files.delete(output);
        return new Run(millis, cpu, peak, printed, exit);
    }

    /** The user and system CPU time of this JVM's children that ended and were waited for, in milliseconds. */
    private static long childrenCpuMillis() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // the fields after the command's name in parentheses, from the third (state); cutime and cstime are 16 and 17
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 1000 / TICKS;
    }

    /** The first line a command prints, without what follows a parenthesis. */
    static String version(String... command) {
        return output(command).lines().findFirst().orElse("").replaceAll(" \\(.*", "");
    }

    private static String output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return printed;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(String.join(" ", command) + " did not run: " + e.getMessage(), e);
        }
    }

    static long highWaterMark(Path status) {
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;   // the process ended between two reads
        }
    }
}
