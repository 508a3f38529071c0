package io.alertas.runner.bench;

import io.alertas.runner.bench.Processes.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code bench/run.sh} prints at the end: the machine, the table for docs/performance.md (wall time, CPU
 * seconds and peak RSS of each contender, medians of the runs), where the passes spent their time, serve's
 * passes, and each of issue 28's targets met or missed with its figures.
 */
final class BenchReport {

    private static final Pattern PHASE = Pattern.compile("^(.+) (\\d+) ms$");

    /**
     * One line of the table: {@code alerts} alerts over {@code route} with the Java contenders on {@code jvm};
     * {@code script} is empty where the one-query-at-a-time script was not run (on the second JVM, whose script
     * would be the same, and above {@link Bench#SCRIPT_MOST} alerts).
     */
    record Row(int alerts, String route, String jvm, Run alertas, Optional<Run> script, Run hello, Run curl, Run javaFloor,
               String timings) {
        long floor() {
            return hello.millis() + curl.millis();
        }

    }

    /** serve's passes: the median of the warm passes' durations, the peak RSS, over {@code row}'s alerts and route. */
    record Serve(Row row, long millis, long peakRssKb) {
    }

    private final List<Row> rows;
    private final Optional<Serve> serve;
    private final int runs;
    private final String machine;

    BenchReport(List<Row> rows, Optional<Serve> serve, int runs, String machine) {
        this.rows = rows;
        this.serve = serve;
        this.runs = runs;
        this.machine = machine;
    }

    void print() {
        System.out.println();
        System.out.println(machine);
        System.out.printf(Locale.ROOT, "each figure the median of %d runs (CPU: user + system seconds of the process and"
                + " the processes it waited for); peak RSS the largest of them%n%n", runs);
        System.out.println("| alerts | cluster | JVM | Alertas pass | CPU | peak RSS | one query at a time (Python) | CPU | peak RSS"
                + " | floor: JVM hello-world + curl `_msearch` | CPU | Alertas / floor | Python / floor | Java floor | CPU |");
        System.out.println("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            String script = row.script().map(s -> "%d ms | %s | %d MB".formatted(s.millis(), seconds(s.cpuMillis()), s.peakRssKb() / 1024))
                    .orElse("not run | | ");
            String scriptRatio = row.script().map(s -> String.format(Locale.ROOT, "%.1f", ratio(s.millis(), row.floor()))).orElse("");
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %d ms | %s | %d MB | %s | %d + %d = %d ms | %.2f + %.2f = %s | %.1f | %s | %d ms | %s |%n",
                    row.alerts(), row.route(), row.jvm(), row.alertas().millis(), seconds(row.alertas().cpuMillis()),
                    row.alertas().peakRssKb() / 1024, script, row.hello().millis(), row.curl().millis(), row.floor(),
                    row.hello().cpuMillis() / 1000.0, row.curl().cpuMillis() / 1000.0,
                    seconds(row.hello().cpuMillis() + row.curl().cpuMillis()), ratio(row.alertas().millis(), row.floor()), scriptRatio, row.javaFloor().millis(),
                    seconds(row.javaFloor().cpuMillis()));
        }
        if (rows.stream().anyMatch(r -> r.alerts() > Bench.SCRIPT_MOST)) {
            System.out.printf("(one query at a time is not run above %d alerts: at 10 000 over 20 ms it would take about"
                    + " 10 minutes a run)%n", Bench.SCRIPT_MOST);
        }
        timings();
        serve.ifPresent(s -> System.out.printf(Locale.ROOT, "%nserve, %s, %s, %s: a pass takes %d ms (median of %d warm"
                + " passes), peak RSS %d MB; the curl part of the floor: %d ms; ratio %.1f%n", alerts(s.row().alerts()), s.row().route(),
                s.row().jvm(), s.millis(), runs, s.peakRssKb() / 1024, s.row().curl().millis(), ratio(s.millis(), s.row().curl().millis())));
        System.out.println();
        System.out.println("issue 28's targets:");
        rows.forEach(this::targets);
        serve.ifPresent(s -> target("serve, %s, %s, %s: a pass <= 1.5 x the curl part of the floor".formatted(
                alerts(s.row().alerts()), s.row().route(), s.row().jvm()), s.millis(), 1.5 * s.row().curl().millis(), "ms"));
    }

    /** Where an Alertas pass spent its time: a table of {@code run --timings}'s phases, in the first row's order. */
    private void timings() {
        List<Map<String, String>> phases = rows.stream().map(row -> {
            Map<String, String> named = new LinkedHashMap<>();
            for (String phase : row.timings().split(", ")) {
                Matcher timed = PHASE.matcher(phase);
                if (timed.matches()) {
                    named.put(timed.group(1), timed.group(2) + " ms");
                }
            }
            return named;
        }).toList();
        List<String> names = new ArrayList<>(phases.get(0).keySet());
        System.out.println();
        System.out.println("where an Alertas pass spent its time (one more pass, with run --timings):");
        System.out.println();
        System.out.println("| alerts, cluster, JVM | " + String.join(" | ", names) + " |");
        System.out.println("|---|" + "---:|".repeat(names.size()));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Map<String, String> named = phases.get(i);
            System.out.printf(Locale.ROOT, "| %d, %s, %s | %s |%n", row.alerts(), row.route(), row.jvm(),
                    names.stream().map(n -> named.getOrDefault(n, "")).collect(Collectors.joining(" | ")));
        }
    }

    private void targets(Row row) {
        String name = "%s, %s, %s: ".formatted(alerts(row.alerts()), row.route(), row.jvm());
        if (row.alerts() >= 200) {
            // the script is run once per alerts and route, beside the first JVM's row
            rows.stream().filter(r -> r.alerts() == row.alerts() && r.route().equals(row.route())).flatMap(r -> r.script().stream())
                    .findFirst().ifPresent(s -> target(name + "not slower than one query at a time", row.alertas().millis(), s.millis(), "ms"));
        }
        if (row.alerts() == 1) {
            target(name + "pass <= 1.1 x the Java floor", row.alertas().millis(), 1.1 * row.javaFloor().millis(), "ms");
            System.out.printf(Locale.ROOT, "    (CPU: the pass %s, the Java floor %s, ratio %.2f)%n", seconds(row.alertas().cpuMillis()),
                    seconds(row.javaFloor().cpuMillis()), row.alertas().cpuMillis() / (double) Math.max(1, row.javaFloor().cpuMillis()));
        }
        if (row.route().equals(Bench.FAR) && row.alerts() == 200) {
            target(name + "pass <= 4 x floor", row.alertas().millis(), 4.0 * row.floor(), "ms");
        }
        if (row.route().equals(Bench.FAR) && row.alerts() == 2000) {
            target(name + "pass <= 3 x floor", row.alertas().millis(), 3.0 * row.floor(), "ms");
        }
        if (row.alerts() == 2000) {
            target(name + "peak RSS <= 128 MB", row.alertas().peakRssKb() / 1024, 128, "MB");
        }
        if (row.route().equals(Bench.FAR) && row.alerts() == 10_000) {
            target(name + "pass <= 10 s", row.alertas().millis(), 10_000, "ms");
            target(name + "peak RSS <= 256 MB", row.alertas().peakRssKb() / 1024, 256, "MB");
        }
    }

    private static void target(String what, long measured, double bound, String unit) {
        System.out.printf(Locale.ROOT, "  %-72s %s%n", what, measured <= bound
                ? "met (%d <= %d %s)".formatted(measured, Math.round(bound), unit)
                : "MISSED by %d %s (%d > %d)".formatted(Math.round(measured - bound), unit, measured, Math.round(bound)));
    }

    private static String alerts(int n) {
        return n == 1 ? "1 alert" : n + " alerts";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static double ratio(long measured, long floor) {
        return measured / (double) Math.max(1, floor);
    }
}
