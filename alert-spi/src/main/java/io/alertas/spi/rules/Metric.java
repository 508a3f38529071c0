package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Param;
import java.util.List;
import java.util.Locale;

/** avg, min, max, sum or a percentile of {@code field} per group, above or below a bound. */
final class Metric extends Bounded {

    static final Meaning MEANING = Meaning.of(Metric::new).takes("field", "metric", "percentile").bound("value")
            .needs("field");

    Metric(Settings settings, List<Param> params) {
        super(settings, params);
    }

    @Override
    ObjectNode groupAggs(AlertContext context) {
        ObjectNode aggs = Rules.JSON.createObjectNode();
        aggs.set(VALUE, Grouping.metric(settings));
        return aggs;
    }

    @Override
    String text(double value, long count) {
        return settings.measured() + " " + Format.number(value) + " over " + Format.events(count);
    }

    @Override
    String what() {
        return settings.measured().substring(0, 1).toUpperCase(Locale.ROOT) + settings.measured().substring(1);
    }
}
