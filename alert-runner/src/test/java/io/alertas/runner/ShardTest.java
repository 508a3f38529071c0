package io.alertas.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.testkit.ElasticsearchExtension;
import io.alertas.testkit.ElasticsearchNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** --shard I/N splits the alerts between runners: disjointly and completely. */
@ExtendWith(ElasticsearchExtension.class)
class ShardTest {

    private TestingConfig config;

    @BeforeEach
    void setUp(ElasticsearchNode node, @TempDir Path dir) {
        config = new TestingConfig(dir, node, URI.create("http://127.0.0.1:9/hook"), 25);
        config.write("alerts.json", "{}");
    }

    private List<String> listed(String shard) {
        TestingConfig.Result list = config.run("list", "--shard", shard);
        assertEquals(0, list.exit(), list.err());
        return list.out().lines().skip(1).filter(l -> !l.startsWith("shard ")).map(l -> l.split(" +")[0]).toList();
    }

    @Test
    void theShardsOfAListAreDisjointAndComplete() {
        List<String> all = listed("1/1");
        for (int count : new int[] {2, 3, 5}) {
            List<String> union = new ArrayList<>();
            for (int index = 1; index <= count; index++) {
                union.addAll(listed(index + "/" + count));
            }
            assertEquals(all.size(), union.size(), "every alert in exactly one of " + count + " shards");
            assertEquals(new HashSet<>(all), new HashSet<>(union));
        }
        assertTrue(listed("1/2").size() > 0 && listed("2/2").size() > 0, "both halves hold alerts");
    }

    @Test
    void aShardedRunRunsOnlyItsAlerts() {
        List<String> first = listed("1/2");

        TestingConfig.Result run = config.run("run", "--shard", "1/2", "--dry-run", "--now", "2026-05-04T10:15:00Z");

        assertTrue(run.out().contains("pass: " + first.size() + " alerts run"), run.out());
        TestingConfig.Result bad = config.run("run", "--shard", "3/2");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--shard: a shard is I/N with 1 <= I <= N"), bad.err());
    }
}
