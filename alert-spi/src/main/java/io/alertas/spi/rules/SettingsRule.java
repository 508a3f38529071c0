package io.alertas.spi.rules;

import io.alertas.spi.AlertContext;
import io.alertas.spi.Param;
import io.alertas.spi.Rule;
import java.time.Instant;
import java.util.List;

/** A rule made of checked settings and the params it reads. */
abstract class SettingsRule implements Rule {

    final Settings settings;
    private final List<Param> params;

    SettingsRule(Settings settings, List<Param> params) {
        this.settings = settings;
        this.params = List.copyOf(params);
    }

    /**
     * The window's start, or when the duration setting {@code setting} is given, that long before the
     * window's end if it is earlier: how far back a rule with a timeframe or a lookback reads.
     */
    Instant readFrom(AlertContext context, String setting) {
        Instant start = context.window().start();
        if (!settings.has(setting)) {
            return start;
        }
        Instant back = context.window().end().minus(context.duration(settings.param(setting)));
        return back.isBefore(start) ? back : start;
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public String describe() {
        return settings.type() + " rule";
    }
}
