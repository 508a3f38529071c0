package io.alertas.sigma.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkipsTest {

    @Test
    void nothingSkippedIsNothingToTell() {
        Skips skips = new Skips();
        skips.loaded();

        assertEquals(List.of(), skips.folded());
        assertEquals("sigma: 1 rule loaded, 0 skipped", skips.summary());
    }

    @Test
    void validateSeesASummaryByReasonMostFrequentFirstAndAtMostThreeExamplesEach() {
        Skips skips = new Skips();
        for (int i = 1; i <= 5; i++) {
            skips.add("rules/m" + i + ".yml", "unsupported modifier", "the modifier \"x" + i + "\" is not supported");
        }
        skips.add("rules/f.yml", "unmapped field", "no mapping knows the field \"Foo\"\nforged line");
        skips.loaded();
        skips.loaded();

        assertEquals(List.of(
                "sigma: 2 rules loaded, 6 skipped (5 unsupported modifier, 1 unmapped field)",
                "sigma: rules/m1.yml: skipped: unsupported modifier: the modifier \"x1\" is not supported",
                "sigma: rules/m2.yml: skipped: unsupported modifier: the modifier \"x2\" is not supported",
                "sigma: rules/m3.yml: skipped: unsupported modifier: the modifier \"x3\" is not supported",
                "sigma: and 2 more skipped for unsupported modifier (sigma check lists them all)",
                "sigma: rules/f.yml: skipped: unmapped field: no mapping knows the field \"Foo\" forged line"),
                skips.folded());
        assertEquals(List.of(2, 6, 5, "rules/m5.yml", 1), List.of(skips.toJson().path("loaded").asInt(),
                skips.toJson().path("skipped").asInt(),
                skips.toJson().path("reasons").path("unsupported modifier").path("count").asInt(),
                skips.toJson().path("reasons").path("unsupported modifier").path("rules").path(4).path("file").asText(),
                skips.toJson().path("reasons").path("unmapped field").path("count").asInt()));
    }
}
