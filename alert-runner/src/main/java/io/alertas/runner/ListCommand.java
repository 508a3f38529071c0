package io.alertas.runner;

import io.alertas.core.pass.SecretsNeeded;
import io.alertas.core.pass.ConfiguredAlert;
import io.alertas.core.pass.Shard;
import io.alertas.spi.Durations;
import io.alertas.spi.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** list: every alert found, one a row; with --params, the params of one alert. */
final class ListCommand implements Command.OnConfig {

    private static final Option<String> PARAMS = Option.text("--params");

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String manual() {
        return """
                    list                 every alert found: name, plugin, jar, active, throttle, media, index;
                                         then the schedule of each alert that has one ("every")
                        --shard I/N      only the alerts of shard I of N
                        --params NAME    alert NAME's params: type, value in effect, default, allowed, meaning
                """;
    }

    @Override
    public SecretsNeeded secretsNeeded(CommandLine line) {
        return SecretsNeeded.NONE;
    }

    @Override
    public List<Option<?>> options() {
        return List.of(Option.SHARD, PARAMS, Option.PLUGINS);
    }

    @Override
    public int run(CommandLine line, Context context) {
        if (line.value(PARAMS).isPresent()) {
            return params(context, line.value(PARAMS).get());
        }
        Shard shard = context.shard();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "PLUGIN", "JAR", "ACTIVE", "THROTTLE", "MEDIA", "INDEX"});
        List<ConfiguredAlert> alerts = context.inShard();
        for (ConfiguredAlert a : alerts) {
            rows.add(new String[] {a.name(), a.plugin(), a.jar(), a.active() ? "yes" : "no",
                    Durations.format(a.throttlePeriod()), String.join(",", a.media()), a.index()});
        }
        context.console().table(rows);
        Map<String, String> schedules = context.alertas().operations().schedules();
        alerts.stream().filter(a -> schedules.containsKey(a.name()))
                .forEach(a -> context.console().say("scheduled: " + a.name() + " runs " + schedules.get(a.name())));
        if (!shard.equals(Shard.ALL)) {
            context.console().say("shard " + shard + ": " + alerts.size() + " of " + context.alertas().alerts().size() + " alerts");
        }
        return Main.OK;
    }

    /** The params of alert {@code name}: each declared one with the value this config gives it. */
    private static int params(Context context, String name) {
        ConfiguredAlert alert = context.alertas().alerts().stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
        if (alert == null) {
            context.console().complain("no alert is named \"" + name + "\"; known alerts: " + context.names());
            return Main.USAGE;
        }
        if (alert.declaredParams().isEmpty()) {
            context.console().say(name + " declares no params");
            return Main.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PARAM", "TYPE", "VALUE", "DEFAULT", "ALLOWED", "MEANING"});
        for (Param param : alert.declaredParams().values()) {
            rows.add(new String[] {param.name(), param.type().label(), alert.params().path(param.name()).toString(),
                    param.defaultValue().toString(), param.constraints(), param.description()});
        }
        context.console().table(rows);
        return Main.OK;
    }
}
