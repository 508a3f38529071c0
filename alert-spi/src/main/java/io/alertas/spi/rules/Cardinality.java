package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Param;
import java.util.List;

/** The distinct values of {@code field} per group, above or below a bound. */
final class Cardinality extends Bounded {

    static final Meaning MEANING = Meaning.of(Cardinality::new).takes("field").bound("number of distinct values")
            .needs("field");

    Cardinality(Settings settings, List<Param> params) {
        super(settings, params);
    }

    @Override
    ObjectNode groupAggs(AlertContext context) {
        ObjectNode aggs = Rules.JSON.createObjectNode();
        aggs.putObject(VALUE).putObject("cardinality").put("field", settings.field());
        return aggs;
    }

    @Override
    String text(double value, long count) {
        return Format.number(value) + " distinct " + settings.field() + " in " + Format.events(count);
    }

    @Override
    String what() {
        return "Distinct " + settings.field();
    }
}
