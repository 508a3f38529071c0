package io.alertas.sigma.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.condition.Condition.And;
import io.alertas.sigma.condition.Condition.Not;
import io.alertas.sigma.condition.Condition.Or;
import io.alertas.sigma.condition.Condition.Quantified;
import io.alertas.sigma.condition.Condition.Search;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The condition grammar: precedence, parentheses, quantifiers, and conditions built to break a parser. */
class ConditionParserTest {

    private static final List<String> IDS = List.of("sel", "sel_a", "sel_b", "filter", "_hidden");

    @Test
    void notBindsTighterThanAndTighterThanOr() throws SigmaException {
        assertEquals(new Or(List.of(new Search("sel"), new And(List.of(new Not(new Search("filter")), new Search("sel_a"))))),
                parse("sel or not filter and sel_a"));
        assertEquals(new And(List.of(new Or(List.of(new Search("sel"), new Search("filter"))), new Search("sel_a"))),
                parse("(sel or filter) AND sel_a"));
    }

    @Test
    void quantifiersNameTheMatchingIdentifiers() throws SigmaException {
        assertEquals(new Quantified(1, List.of("sel", "sel_a", "sel_b"), "1 of sel*"), parse("1 of sel*"));
        assertEquals(new Quantified(Quantified.ALL, List.of("sel_a", "sel_b"), "all of sel_*"), parse("all of sel_*"));
        assertEquals(new Quantified(1, List.of("sel", "sel_a", "sel_b", "filter"), "any of them"), parse("any of them"));
        assertEquals(new Quantified(2, List.of("sel", "sel_a", "sel_b", "filter"), "2 of them"), parse("2 of them"));
        assertEquals(new Quantified(1, List.of("_hidden"), "1 of _*"), parse("1 of _*"));
    }

    @Test
    void mistakesAreNamed() {
        assertEquals("the condition names \"nope\", which is no search identifier of the detection [sel, sel_a, sel_b, filter, _hidden]",
                failure(Reason.INVALID, "sel and nope"));
        assertEquals("the condition's \"1 of x*\" names no search identifier of the detection [sel, sel_a, sel_b, filter, _hidden]",
                failure(Reason.INVALID, "1 of x*"));
        assertEquals("the condition \"(sel or filter\" is not valid: a '(' is not closed", failure(Reason.INVALID, "(sel or filter"));
        assertEquals("the condition \"sel and\" is not valid: it ends where an identifier, 'not', '(' or a quantifier should follow",
                failure(Reason.INVALID, "sel and"));
        assertEquals("the condition \"sel filter\" is not valid: unexpected \"filter\"", failure(Reason.INVALID, "sel filter"));
        assertEquals("the condition \"some of sel\" is not valid: \"some\" before 'of' is no count: write 1, any, all or a number",
                failure(Reason.INVALID, "some of sel"));
        assertEquals("the condition is empty", failure(Reason.INVALID, "  "));
    }

    @Test
    void hostileConditionsFailWithoutOverflowingTheStack() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals("the condition nests parentheses or 'not' deeper than 100",
                    failure(Reason.INVALID, "(".repeat(10_000) + "sel" + ")".repeat(10_000)));
            assertEquals("the condition nests parentheses or 'not' deeper than 100",
                    failure(Reason.INVALID, "not ".repeat(10_000) + "sel"));
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                words.add(i % 2 == 0 ? "sel" : "filter");
            }
            Condition wide = parse(String.join(" or ", words));
            assertEquals(5_000, ((Or) wide).operands().size(), "a chain of 10,000 tokens is read in a loop");
            assertEquals(new And(List.of(new Search("sel"), new Search("filter"))), parse("(".repeat(100) + "sel and filter" + ")".repeat(100)));
        });
    }

    private static Condition parse(String text) throws SigmaException {
        return ConditionParser.parse(text, IDS);
    }

    private static String failure(Reason reason, String text) {
        SigmaException e = assertThrows(SigmaException.class, () -> parse(text));
        assertEquals(reason, e.reason(), e.getMessage());
        return e.getMessage();
    }
}
