package io.alertas.sigma.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.correlation.Correlation.Condition;
import io.alertas.sigma.correlation.Correlation.Type;
import io.alertas.sigma.rule.SigmaRules;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Correlation rules read: each type, the optional parts, and the timespans and counts that cannot be. */
class CorrelationTest {

    @Test
    void eventCountByUser() throws SigmaException {
        assertEquals(new Correlation(Type.EVENT_COUNT, List.of("failed_logon"), List.of("User"), Duration.ofMinutes(5), "",
                        new Condition("gte", 10)),
                correlation("type: event_count\nrules: failed_logon\ngroup-by: [User]\ntimespan: 5m\ncondition: {gte: 10}"));
    }

    @Test
    void valueCountCountsAField() throws SigmaException {
        assertEquals(new Correlation(Type.VALUE_COUNT, List.of("a", "b"), List.of(), Duration.ofHours(1), "TargetUser",
                        new Condition("gt", 3)),
                correlation("type: value_count\nrules: [a, b]\ntimespan: 1h\ncondition: {gt: 3, field: TargetUser}"));
    }

    @Test
    void temporalWithoutAConditionNeedsEveryRule() throws SigmaException {
        assertEquals(new Correlation(Type.TEMPORAL_ORDERED, List.of("recon", "exfil"), List.of("Host"), Duration.ofDays(2), "",
                        new Condition("gte", 2)),
                correlation("type: temporal_ordered\nrules: [recon, exfil]\ngroup-by: Host\ntimespan: 2d"));
        assertEquals(Duration.ofSeconds(30),
                correlation("type: temporal\nrules: [x, y]\ntimespan: 30s\ncondition: {eq: 1}").timespan());
    }

    @Test
    void wrongPartsAreNamed() {
        assertEquals("the correlation type \"sequence\" is not one of event_count, value_count, temporal, temporal_ordered",
                failure(Reason.UNSUPPORTED_CORRELATION, "type: sequence\nrules: [a]\ntimespan: 5m"));
        assertEquals("\"timespan\" must be a duration like 30s, 5m, 1h or 2d, not \"5 minutes\"",
                failure(Reason.INVALID, "type: event_count\nrules: [a]\ntimespan: 5 minutes\ncondition: {gte: 1}"));
        assertEquals("\"timespan\" \"0m\" must be more than 0 and within the range of time",
                failure(Reason.INVALID, "type: event_count\nrules: [a]\ntimespan: 0m\ncondition: {gte: 1}"));
        assertEquals("\"timespan\" \"999999999999999999w\" must be more than 0 and within the range of time",
                failure(Reason.INVALID, "type: event_count\nrules: [a]\ntimespan: 999999999999999999w\ncondition: {gte: 1}"));
        assertEquals("\"condition\"'s gte must be a count, not \"-3\"",
                failure(Reason.INVALID, "type: event_count\nrules: [a]\ntimespan: 5m\ncondition: {gte: -3}"));
        assertEquals("\"condition\"'s gte must be a count, not \"1.0E30\"",
                failure(Reason.INVALID, "type: event_count\nrules: [a]\ntimespan: 5m\ncondition: {gte: 1e30}"));
        assertEquals("an event_count correlation needs a \"condition\" like {gte: 10}",
                failure(Reason.INVALID, "type: event_count\nrules: [a]\ntimespan: 5m"));
        assertEquals("a value_count correlation needs the \"field\" whose distinct values it counts",
                failure(Reason.INVALID, "type: value_count\nrules: [a]\ntimespan: 5m\ncondition: {gte: 2}"));
        assertEquals("\"correlation\" names no \"rules\"", failure(Reason.INVALID, "type: temporal\ntimespan: 5m"));
    }

    private static Correlation correlation(String body) throws SigmaException {
        return Correlation.of(SigmaRules.read("c.yml", "title: C\ncorrelation:\n  " + body.replace("\n", "\n  ") + "\n").get(0));
    }

    private static String failure(Reason reason, String body) {
        SigmaException e = assertThrows(SigmaException.class, () -> correlation(body));
        assertEquals(reason, e.reason(), e.getMessage());
        return e.getMessage();
    }
}
