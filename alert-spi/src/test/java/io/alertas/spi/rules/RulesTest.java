package io.alertas.spi.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertas.spi.AlertContext;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.Param;
import io.alertas.spi.Rule;
import io.alertas.spi.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule builders as a unit: what they refuse, with the words a file's problem carries, and the query they write. */
class RulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Window WINDOW = Window.of(Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:01:00Z"));

    private static String refused(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void everyProblemOfARuleIsSaidAtOnce() {
        Rules.Builder rule = Rules.cardinality().groupBy("host.name");

        assertEquals(List.of("a cardinality rule needs \"field\"", "a cardinality rule takes one bound: \"above\", \"below\","
                + " \"at_least\" or \"at_most\""), rule.problems());
        assertEquals(String.join("; ", rule.problems()), refused(rule::build));
    }

    @Test
    void aDurationPastThreeYearsIsRefusedWhereItIsSet() {
        assertEquals("\"timeframe\" must be at most 1095d (3 years), not \"1096d\"",
                refused(() -> Rules.frequency().timeframe(Duration.ofDays(1096))));
        assertEquals("\"reference\" must be at most 1095d (3 years), not \"106751991167300d\"",
                refused(() -> Rules.spike().reference(Duration.ofDays(106751991167300L))));
        assertEquals("the throttle period of alert x must be from 0 to 1095d (3 years), not 1096 days",
                refused(() -> AlertDefinition.builder("x").index("i").rule(Rules.frequency().build())
                        .throttlePeriod(Duration.ofDays(1096)).build()));
    }

    @Test
    void aBoundPastTenToTheFifteenOrInfiniteIsRefusedWhereItIsSet() {
        assertEquals("\"above\" must be at most 1000000000000000 in size, not \"Infinity\"",
                refused(() -> Rules.metric().above(Double.POSITIVE_INFINITY)));
        assertEquals("\"at_most\" must be at most 1000000000000000 in size, not -1.0E16",
                refused(() -> Rules.cardinality().atMost(-1e16)));
    }

    @Test
    void aSettingIsRefusedWhenSetNamingItAsFilesWriteIt() {
        assertEquals("\"factor\" is not a setting of a frequency rule; its settings: filter, group_by, timestamp_field, "
                + "size, summary, aggs, threshold, timeframe", refused(() -> Rules.frequency().factor(2)));
        assertEquals("\"group_by\" names a field twice", refused(() -> Rules.frequency().groupBy("a", "a")));
        assertEquals("\"aggs\": the name \"rule_x\" is the rule's own; names starting with rule_ are taken",
                refused(() -> Rules.frequency().aggregation("rule_x", "{\"max\": {\"field\": \"x\"}}")));
        assertEquals("\"filter\" is not JSON: Unexpected end-of-input: expected close marker for Object (line 1, column 12)",
                refused(() -> Rules.frequency().filter("{\"term\": {}")));
        assertEquals("\"percentile\" goes with \"metric\": \"percentile\"",
                refused(() -> Rules.metric().field("x").percentile(95).above(1).build()));
        assertEquals("a spike of a metric needs both \"field\" and \"metric\"",
                refused(() -> Rules.spike().field("x").build()));
    }

    @Test
    void aSettingReadFromAnotherParamMustBeOfItsKind() {
        assertEquals("\"reference\" is read as duration; param \"label\" is string",
                refused(() -> Rules.spike().param("reference", Param.string("label", "x"))));
        assertEquals("\"threshold\" is not a setting of a spike rule",
                refused(() -> Rules.spike().param("threshold", Param.integer("n", 1))));

        AlertDefinition spike = AlertDefinition.builder("errors").index("logs-*")
                .rule(Rules.spike().param("reference", Param.integer("baseline_minutes", 30)).build()).build();
        assertEquals(List.of("factor", "baseline_minutes", "min_count"), List.copyOf(spike.params().keySet()));
    }

    @Test
    void aRulesParamsKeepTheirConstraintsWithTheDefaultTheyWereGiven() {
        Rule rule = Rules.spike().factor(5).minCount(2).reference(Duration.ofMinutes(30)).build();
        assertEquals(List.of("factor (number, default 5.0): at least 1", "reference (duration, default \"30m\"): ",
                "min_count (integer, default 2): at least 0"), rule.params().stream()
                .map(p -> p + ": " + p.constraints()).toList());
        assertEquals("must be at least 1, not 0", Rules.frequency().threshold(5).build().params().get(0)
                .problem(JSON.valueToTree(0)).orElseThrow());
    }

    @Test
    void anAlertThatDeclaresARuleParamAsAnotherTypeIsRefused() {
        assertEquals("alert burst declares param \"threshold\" as string, but its frequency rule reads it as integer",
                refused(() -> AlertDefinition.builder("burst").index("logs-*").param(Param.string("threshold", "5"))
                        .rule(Rules.frequency().build()).build()));
    }

    @Test
    void groupsNestOneTermsAggregationPerFieldWithTheWindowAsARange() throws Exception {
        Rule rule = Rules.frequency().filter("{\"term\": {\"event.code\": \"4625\"}}").groupBy("user.name", "host.name")
                .threshold(4).timeframe(Duration.ofMinutes(5)).build();
        JsonNode query = rule.query(AlertContext.of("burst", WINDOW, WINDOW.end(), params(rule)));

        assertEquals(JSON.readTree("""
                {"size": 0,
                 "query": {"bool": {"filter": [
                   {"term": {"event.code": "4625"}},
                   {"range": {"@timestamp": {"gte": "2026-03-02T09:56:00Z", "lt": "2026-03-02T10:01:00Z",
                                             "format": "strict_date_optional_time"}}}]}},
                 "aggs": {"rule_group_0": {"terms": {"field": "user.name", "size": 1000, "min_doc_count": 4},
                   "aggs": {"rule_group_1": {"terms": {"field": "host.name", "size": 1000, "min_doc_count": 4}}}}}}
                """).toString(), query.toString());
    }

    private static JsonNode params(Rule rule) {
        var params = JSON.createObjectNode();
        rule.params().forEach(p -> params.set(p.name(), p.defaultValue()));
        return params;
    }
}
