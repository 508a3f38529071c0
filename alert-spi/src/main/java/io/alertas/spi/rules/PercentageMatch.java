package io.alertas.spi.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.spi.AlertContext;
import io.alertas.spi.Param;
import java.util.List;

/** The share of events matching {@code match} per group, in percent, above or below a bound; small groups are not judged. */
final class PercentageMatch extends Bounded {

    static final Meaning MEANING = Meaning.of(PercentageMatch::new).takes("match").bound("share, in percent", 0, 100)
            .reads(Declaration.integer("min_count", "groups with fewer events are not judged").atLeast(1).byDefault(1))
            .needs("match");

    private static final String MATCHING = "rule_matching";

    PercentageMatch(Settings settings, List<Param> params) {
        super(settings, params);
    }

    @Override
    ObjectNode groupAggs(AlertContext context) {
        ObjectNode aggs = Rules.JSON.createObjectNode();
        aggs.putObject(MATCHING).set("filter", settings.match());
        return aggs;
    }

    @Override
    double measure(Bucket bucket, AlertContext context) {
        long count = bucket.docCount();
        if (count == 0 || count < context.integer(settings.param("min_count"))) {
            return Double.NaN;
        }
        return bucket.node().path(MATCHING).path("doc_count").asLong() * 100.0 / count;
    }

    @Override
    String text(double value, long count) {
        return Format.number(value) + " % of " + Format.events(count) + " match";
    }

    @Override
    String unit() {
        return " %";
    }

    @Override
    String what() {
        return "Share of matching events";
    }
}
