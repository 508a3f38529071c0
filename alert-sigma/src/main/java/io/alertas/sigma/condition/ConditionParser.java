package io.alertas.sigma.condition;

import io.alertas.sigma.SigmaException;
import io.alertas.sigma.SigmaException.Reason;
import io.alertas.sigma.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a Sigma condition by recursive descent: {@code not} binds tighter than {@code and}, {@code and} tighter
 * than {@code or}; parentheses; {@code 1 of}, {@code any of}, {@code N of} and {@code all of} a pattern with
 * {@code *} or {@code them} (every identifier but those starting with {@code _}). Chains of and/or are read in a
 * loop, and only {@code not} and parentheses nest, at most {@value #MAX_DEPTH} deep, so that no condition can
 * exhaust the stack.
 */
public final class ConditionParser {

    /** How deep parentheses and {@code not} may nest. */
    public static final int MAX_DEPTH = 100;

    private final String text;
    private final List<String> identifiers;
    private final List<String> tokens;
    private int next;
    private int depth;

    private ConditionParser(String text, List<String> identifiers) throws SigmaException {
        this.text = text;
        this.identifiers = identifiers;
        this.tokens = tokens(text);
    }

    /**
     * {@code text} parsed, its identifiers checked against {@code identifiers} (the detection's search
     * identifiers, in order).
     *
     * @throws SigmaException DEPRECATED_SYNTAX for a Sigma 1 aggregation ({@code | count() by}, {@code | near}),
     *         INVALID for a syntax error, an unknown identifier or nesting past {@value #MAX_DEPTH}
     */
    public static Condition parse(String text, List<String> identifiers) throws SigmaException {
        ConditionParser parser = new ConditionParser(text, identifiers);
        if (parser.tokens.isEmpty()) {
            throw invalid("the condition is empty");
        }
        Condition condition = parser.or();
        if (parser.next < parser.tokens.size()) {
            throw parser.error("unexpected " + Texts.quote(parser.tokens.get(parser.next)));
        }
        return condition;
    }

    private static List<String> tokens(String text) throws SigmaException {
        int bar = text.indexOf('|');
        if (bar >= 0) {
            throw new SigmaException(Reason.DEPRECATED_SYNTAX, "the condition's aggregation "
                    + Texts.quote(text.substring(bar).strip()) + " is Sigma 1 syntax; Sigma 2 writes it as a correlation rule");
        }
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '('
                        && text.charAt(i) != ')') {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    private Condition or() throws SigmaException {
        List<Condition> operands = new ArrayList<>(List.of(and()));
        while (accept("or")) {
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
    }

    private Condition and() throws SigmaException {
        List<Condition> operands = new ArrayList<>(List.of(unary()));
        while (accept("and")) {
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
    }

    private Condition unary() throws SigmaException {
        String token = take("an identifier, 'not', '(' or a quantifier");
        String word = token.toLowerCase(Locale.ROOT);
        if (word.equals("not")) {
            enter();
            Condition operand = unary();
            depth--;
            return new Condition.Not(operand);
        }
        if (token.equals("(")) {
            enter();
            Condition inner = or();
            depth--;
            if (!accept(")")) {
                throw error("a '(' is not closed");
            }
            return inner;
        }
        if (next < tokens.size() && tokens.get(next).equalsIgnoreCase("of")) {
            next++;
            return quantified(word, take("a pattern or 'them' after 'of'"));
        }
        if (word.equals("near")) {
            throw new SigmaException(Reason.DEPRECATED_SYNTAX, "the condition's 'near' is Sigma 1 syntax; Sigma 2 writes it as a temporal correlation rule");
        }
        if (token.equals(")") || word.equals("and") || word.equals("or") || word.equals("of")) {
            throw error("unexpected " + Texts.quote(token));
        }
        if (!identifiers.contains(token)) {
            throw invalid("the condition names " + Texts.quote(token) + ", which is no search identifier of the detection "
                    + Texts.oneLine(identifiers.toString()));
        }
        return new Condition.Search(token);
    }

    private Condition quantified(String quantifier, String pattern) throws SigmaException {
        int count;
        if (quantifier.equals("all")) {
            count = Condition.Quantified.ALL;
        } else if (quantifier.equals("any")) {
            count = 1;
        } else if (quantifier.matches("[1-9][0-9]{0,3}")) {
            count = Integer.parseInt(quantifier);
        } else {
            throw error(Texts.quote(quantifier) + " before 'of' is no count: write 1, any, all or a number");
        }
        List<String> names = new ArrayList<>();
        for (String identifier : identifiers) {
            boolean them = pattern.equalsIgnoreCase("them") && !identifier.startsWith("_");
            if (them || Glob.matches(pattern, identifier)) {
                names.add(identifier);
            }
        }
        if (names.isEmpty()) {
            throw invalid("the condition's " + Texts.quote(quantifier + " of " + pattern) + " names no search identifier of the detection "
                    + Texts.oneLine(identifiers.toString()));
        }
        return new Condition.Quantified(count, names, quantifier + " of " + pattern);
    }

    private void enter() throws SigmaException {
        if (++depth > MAX_DEPTH) {
            throw invalid("the condition nests parentheses or 'not' deeper than " + MAX_DEPTH);
        }
    }

    private boolean accept(String word) {
        if (next < tokens.size() && tokens.get(next).equalsIgnoreCase(word)) {
            next++;
            return true;
        }
        return false;
    }

    private String take(String expected) throws SigmaException {
        if (next >= tokens.size()) {
            throw error("it ends where " + expected + " should follow");
        }
        return tokens.get(next++);
    }

    private SigmaException error(String what) {
        return invalid("the condition " + Texts.quote(text) + " is not valid: " + what);
    }

    private static SigmaException invalid(String message) {
        return new SigmaException(Reason.INVALID, message);
    }
}
