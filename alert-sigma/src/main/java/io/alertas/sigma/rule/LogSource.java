package io.alertas.sigma.rule;

/**
 * A Sigma rule's {@code logsource}: which events it reads. Each part may be null when the rule leaves it out.
 */
public record LogSource(String product, String category, String service) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text, "product", product);
        append(text, "category", category);
        append(text, "service", service);
        return text.toString();
    }

    private static void append(StringBuilder text, String part, String value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : ", ").append(part).append(' ').append(value);
        }
    }
}
