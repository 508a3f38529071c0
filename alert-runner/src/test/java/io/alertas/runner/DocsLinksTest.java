package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.alertas.spi.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the pages of docs/ hold together: every relative link leads to a file that exists and, when it
 * names an anchor of a Markdown page, to a heading of that page as GitHub names it; the SPI version is said in one
 * place, docs/plugins.md, and there it is the version of alert-spi.
 */
class DocsLinksTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.*?) *#* *$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a (?:name|id)=\"([^\"]+)\"");
    private static final Pattern SPI_NUMBER = Pattern.compile("SPI (\\d+\\.\\d+)");

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndAHeadingThatExist() throws IOException {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            for (String target : links(Files.readString(page))) {
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = ROOT.relativize(page) + ": (" + target + ")";
                if (!Files.exists(linked)) {
                    broken.add(where + " leads to no file");
                } else if (hash >= 0 && linked.toString().endsWith(".md")) {
                    Set<String> names = anchors.computeIfAbsent(linked, DocsLinksTest::anchors);
                    if (!names.contains(target.substring(hash + 1))) {
                        broken.add(where + " names no heading of " + ROOT.relativize(linked));
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(links > 100, "found only " + links + " relative links");
    }

    @Test
    void theSpiVersionIsSaidOnceAndIsAlertSpisOwn() throws IOException {
        String plugins = Files.readString(ROOT.resolve("docs/plugins.md"));
        assertTrue(plugins.contains("This SPI's version is **" + SpiVersion.current() + "**"),
                "docs/plugins.md says \"This SPI's version is **" + SpiVersion.current() + "**\"");
        Matcher runner = Pattern.compile("this runner has SPI (\\d+\\.\\d+)").matcher(plugins);
        while (runner.find()) {
            assertEquals(SpiVersion.current(), runner.group(1), "docs/plugins.md: " + runner.group());
        }
        for (Path page : pages()) {
            if (!page.endsWith("docs/plugins.md")) {
                Matcher number = SPI_NUMBER.matcher(Files.readString(page));
                if (number.find()) {
                    fail(ROOT.relativize(page) + " gives an SPI version (" + number.group()
                            + "); it is said in docs/plugins.md only");
                }
            }
        }
    }

    @Test
    void anchorsAreNamedAsGitHubNamesThem() {
        assertEquals("check-it-validate---connect", slug("Check it: validate --connect"));
        assertEquals("silences-fire_after-and-resolved", slug("Silences, fire_after and resolved"));
        assertEquals("credentialsjson", slug("`credentials.json`"));
        assertEquals("alerts-without-java-alertsd", slug("Alerts without Java: alerts.d"));
        assertEquals("see-the-page", slug("See [the page](x.md)"));
    }

    /** The targets of a page's links, outside code blocks and code spans. */
    static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(String.join("\n", prose(markdown)).replaceAll("`[^`]*`", "``"));
        while (link.find()) {
            targets.add(link.group(1));
        }
        return targets;
    }

    /** The anchors GitHub gives a page: one per heading, a repeated one suffixed -1, -2, ...; and HTML anchors. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        try {
            for (String line : prose(Files.readString(page))) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    String slug = slug(heading.group(1));
                    int n = seen.merge(slug, 1, Integer::sum) - 1;
                    anchors.add(n == 0 ? slug : slug + "-" + n);
                }
                Matcher html = HTML_ANCHOR.matcher(line);
                while (html.find()) {
                    anchors.add(html.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: its text as rendered, lower case, without punctuation, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M}\\p{Pc} -]", "").replace(' ', '-');
    }

    /** The lines of a page outside fenced code blocks. */
    private static List<String> prose(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                lines.add(line);
            }
        }
        return lines;
    }
}
