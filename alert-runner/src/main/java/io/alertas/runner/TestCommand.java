package io.alertas.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.Trial;
import io.alertas.spi.Evaluation;
import io.alertas.spi.Finding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** test NAME: runs one alert's query and evaluator now and prints each step; sends nothing, changes no state. */
final class TestCommand implements Command.OnConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String manual() {
        return """
                    test NAME            run one alert's query and evaluator now; send nothing, change no state
                        --now INSTANT    as for run
                """;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Option.NOW, Option.PLUGINS);
    }

    @Override
    public void check(CommandLine line) throws UsageException {
        if (line.names().size() != 1) {
            throw new UsageException("test needs the name of one alert: test NAME --config DIR");
        }
    }

    @Override
    public int run(CommandLine line, Context context) {
        Console console = context.console();
        String name = line.names().get(0);
        if (context.unknown(name)) {
            return Main.USAGE;
        }
        Trial trial;
        try {
            trial = context.alertas().test(name, line.value(Option.NOW).orElseGet(context.clock()::instant));
        } catch (IOException e) {
            console.error("the state cannot be read: " + Messages.firstLine(e));
            return Main.FAILED;
        }
        if (trial.error() != null) {
            context.log().warn(Logging.SAID, "test of alert \"{}\" failed: {}", name, trial.error());
            console.complain("alert \"" + name + "\" failed: " + trial.error());
            return Main.FAILED;
        }
        ConfiguredAlert alert = context.alertas().alerts().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow();
        console.say("alert:      " + alert.name() + " (plugin " + alert.plugin() + ", " + alert.jar() + ")");
        console.say("window:     " + trial.window().start() + " to " + trial.window().end());
        console.say("request:    " + alert.method() + " " + alert.path() + "  (from " + alert.queryOrigin() + ")");
        if (trial.request() != null) {
            pretty(trial.request()).lines().forEach(console::say);
        }
        console.say("response:   " + summary(trial.response()));
        Evaluation evaluation = trial.evaluation();
        if (evaluation == null) {
            console.complain("alert \"" + name + "\" failed: evaluator returned null");
            return Main.FAILED;
        }
        console.say("evaluation: " + (evaluation.fired() ? "fires: " + evaluation.message(evaluation.findings()) : "quiet"));
        for (Finding f : evaluation.findings()) {
            console.say("  - " + f.key() + ": " + f.text());
        }
        console.say("(nothing was sent and no state was changed)");
        return Main.OK;
    }

    private static String summary(JsonNode response) {
        StringBuilder text = new StringBuilder();
        text.append("took ").append(response.path("took").asLong()).append(" ms, ")
                .append(response.path("hits").path("total").path("value").asLong()).append(" hits");
        if (response.path("_shards").path("failed").asInt() > 0) {
            text.append(", ").append(response.path("_shards").path("failed").asInt()).append(" shards failed");
        }
        JsonNode aggregations = response.path("aggregations");
        List<String> aggs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = aggregations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> agg = it.next();
            JsonNode buckets = agg.getValue().path("buckets");
            aggs.add(agg.getKey() + (buckets.isArray() ? " (" + Counts.of(buckets.size(), "bucket", "buckets") + ")" : ""));
        }
        if (!aggs.isEmpty()) {
            text.append(", aggregations: ").append(String.join(", ", aggs));
        }
        return text.toString();
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }
}
