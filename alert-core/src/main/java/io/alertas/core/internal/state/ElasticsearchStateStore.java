package io.alertas.core.internal.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the state as small documents in an Elasticsearch index, so that runners on several hosts can
 * share one configuration: one document per checkpoint (with what the alert's evaluator remembers), per
 * throttle (alert, medium and key) and per undelivered notification. Before a runner sends, it claims each key with a conditional write
 * ({@code if_seq_no}/{@code if_primary_term}, or create); a runner that loses the claim does not send, so
 * two runners in the same minute deliver each notification once. There is no lock: passes may overlap.
 * Throttle records not renewed for {@link State#RETENTION} and checkpoints of alerts not run for as long, as of
 * the pass's instant, are deleted, so the index stays small.
 */
public final class ElasticsearchStateStore implements StateStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;
    /**
     * The kinds of document that end: one that a pass read and no longer has is deleted (a throttle ends when
     * its key is resolved).
     */
    private static final Set<String> ENDED = Set.of("pending", "episode", "silence", "throttle", "kept");

    private final ElasticsearchClient cluster;
    private final String index;
    private final Clock clock;
    private final String runner;
    /** The documents as this runner last read or wrote them, by id, to write only what changed. */
    private final Map<String, ObjectNode> known = new HashMap<>();
    /** What each claim replaced, to give it back if the delivery fails: id to previous document or null. */
    private final Map<String, ObjectNode> claims = new HashMap<>();

    public ElasticsearchStateStore(ElasticsearchClient cluster, String index, Clock clock) {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.index = requireNonNull(index, "index is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.runner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }

    @Override
    public Lock lock() {
        return () -> { };
    }

    @Override
    public State load() throws IOException {
        createIndex();
        State state = new State();
        known.clear();
        JsonNode after = null;
        while (true) {
            ObjectNode search = JSON.createObjectNode().put("size", PAGE);
            search.putArray("sort").addObject().put("id", "asc");
            if (after != null) {
                search.set("search_after", after);
            }
            JsonNode hits = call(() -> cluster.request("POST", "/" + index + "/_search", search)).path("hits").path("hits");
            for (JsonNode hit : hits) {
                ObjectNode doc = (ObjectNode) hit.path("_source");
                known.put(hit.path("_id").asText(), doc);
                read(hit.path("_id").asText(), doc, state);
                after = hit.path("sort");
            }
            if (hits.size() < PAGE) {
                return state;
            }
        }
    }

    /** Reads one document; one that cannot be read is left out with a warning, and the others are kept. */
    private void read(String id, JsonNode doc, State state) {
        try {
            switch (doc.path("kind").asText()) {
                case "checkpoint" -> {
                    state.checkpoint(doc.path("alert").asText(), StateJson.instant(doc.get("at")));
                    if (doc.has("memory")) {
                        state.memory(doc.path("alert").asText(), doc.get("memory"));
                    }
                    if (doc.has("activity")) {
                        state.activity(doc.path("alert").asText(), StateJson.activity(doc.get("activity")));
                    }
                }
                case "episode" -> state.episode(doc.path("alert").asText(), doc.path("key").asText(),
                        StateJson.episode(doc.get("episode")));
                case "silence" -> state.silence(StateJson.silence(doc));
                case "pass" -> state.passed(StateJson.pass(doc));
                case "quiet" -> state.quietUntil(doc.path("alert").asText(), StateJson.instant(doc.get("until")));
                case "throttle" -> state.put(doc.path("alert").asText(), doc.path("medium").asText(),
                        doc.path("key").asText(), StateJson.throttle(doc));
                case "pending" -> state.queue(StateJson.pending(doc));
                case "kept" -> state.kept().put(doc.path("part").asText(), doc.path("alert").asText(),
                        (ObjectNode) doc.get("value"));
                default -> { }
            }
        } catch (RuntimeException e) {
            state.warn(index + ": document " + id + " (" + doc.path("kind").asText() + " of alert \""
                    + doc.path("alert").asText() + "\") cannot be read (" + e.getMessage() + "); left out");
        }
    }

    /**
     * Writes what changed, and makes it searchable before returning: the next pass reads the state with a
     * search, and one that starts within the index's refresh interval must not read the one before's.
     */
    @Override
    public void save(State state) throws IOException {
        Map<String, ObjectNode> wanted = documents(state);
        Instant old = state.passAt().orElseGet(clock::instant).minus(State.RETENTION);
        List<JsonNode> bulk = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> doc : wanted.entrySet()) {
            if (stale(doc.getValue(), old)) {
                continue;
            }
            ObjectNode before = known.get(doc.getKey());
            if (before != null && before.path("kind").asText().equals("silence") && !doc.getValue().equals(before)) {
                // an update, not a write: a silence removed by unsilence since this pass read it stays removed
                bulk.add(action("update", doc.getKey()));
                bulk.add(JSON.createObjectNode().set("doc", doc.getValue()));
            } else if (!doc.getValue().equals(before)) {
                bulk.add(action("index", doc.getKey()));
                bulk.add(doc.getValue());
            }
        }
        for (Map.Entry<String, ObjectNode> doc : known.entrySet()) {
            boolean gone = !wanted.containsKey(doc.getKey()) && ENDED.contains(doc.getValue().path("kind").asText());
            if (gone || stale(doc.getValue(), old)) {
                bulk.add(action("delete", doc.getKey()));
            }
        }
        if (!bulk.isEmpty()) {
            JsonNode answer = call(() -> cluster.ndjson("POST", "/" + index + "/_bulk?refresh=true", bulk));
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.elements().next();
                boolean unsilenced = item.has("update") && result.path("status").asInt() == 404;
                if (result.has("error") && !unsilenced) {
                    throw new IOException("the state index " + index + " refused a write: " + result.path("error"));
                }
            }
        }
        known.clear();
        wanted.forEach((id, doc) -> {
            if (!stale(doc, old)) {
                known.put(id, doc);
            }
        });
    }

    /**
     * Throttle records not renewed, checkpoints of alerts not run, and episodes of keys not fired, for longer
     * than the retention.
     */
    private static boolean stale(JsonNode doc, Instant old) {
        return switch (doc.path("kind").asText()) {
            case "throttle" -> StateJson.instant(doc.get("delivered_at")).isBefore(old);
            case "checkpoint" -> StateJson.instant(doc.get("at")).isBefore(old);
            case "episode" -> StateJson.instant(doc.path("episode").get("last_fired")).isBefore(old);
            default -> false;
        };
    }

    private Map<String, ObjectNode> documents(State state) {
        Map<String, ObjectNode> docs = new HashMap<>();
        state.checkpoints().forEach((alert, at) -> {
            ObjectNode checkpoint = JSON.createObjectNode().put("kind", "checkpoint").put("alert", alert).put("at", at.toString());
            state.memory(alert).ifPresent(memory -> checkpoint.set("memory", memory));
            Optional.ofNullable(state.activity().get(alert)).ifPresent(a -> checkpoint.set("activity", StateJson.activity(a)));
            docs.put(id("checkpoint", alert), checkpoint);
        });
        state.episodes().forEach((alert, keys) -> keys.forEach((key, e) -> {
            ObjectNode episode = JSON.createObjectNode().put("kind", "episode").put("alert", alert).put("key", key);
            episode.set("episode", StateJson.episode(e));
            docs.put(id("episode", alert, key), episode);
        }));
        state.silences().values().forEach(s -> docs.put(id("silence", s.id()),
                JSON.createObjectNode().put("kind", "silence").setAll(StateJson.silence(s))));
        state.passes().values().forEach(p -> docs.put(id("pass", p.runner()),
                JSON.createObjectNode().put("kind", "pass").setAll(StateJson.pass(p))));
        state.quietUntil().forEach((alert, until) -> docs.put(id("quiet", alert),
                JSON.createObjectNode().put("kind", "quiet").put("alert", alert).put("until", until.toString())));
        state.throttles().forEach((alert, media) -> media.forEach((medium, keys) -> keys.forEach((key, t) ->
                docs.put(id("throttle", alert, medium, key), throttle(alert, medium, key, t)))));
        for (State.Pending p : state.pending()) {
            ObjectNode doc = JSON.createObjectNode().put("kind", "pending").put("alert", p.alert());
            doc.setAll(StateJson.pending(p));
            docs.put(id("pending", p.alert(), p.medium(), p.notification().firedAt().toString(),
                    p.notification().findings().toString()), doc);
        }
        state.kept().parts().forEach(part -> state.kept().of(part).forEach((name, value) -> docs.put(id("kept", part, name),
                JSON.createObjectNode().put("kind", "kept").put("part", part).put("alert", name).set("value", value))));
        docs.forEach((id, doc) -> doc.put("id", id));
        return docs;
    }

    private static ObjectNode throttle(String alert, String medium, String key, State.Throttle t) {
        return JSON.createObjectNode().put("kind", "throttle").put("alert", alert).put("medium", medium).put("key", key)
                .put("delivered_at", t.deliveredAt().toString()).put("suppressed", t.suppressed());
    }

    @Override
    public Claim claim(String alert, String medium, List<String> keys, Duration period, Instant now) throws IOException {
        Set<String> claimed = new LinkedHashSet<>();
        Map<String, State.Throttle> elsewhere = new LinkedHashMap<>();
        for (String key : keys) {
            String id = id("throttle", alert, medium, key);
            ElasticsearchClient.Reply current = call(() -> cluster.conditional("GET", "/" + index + "/_doc/" + id, null));
            ObjectNode previous = current.found() ? (ObjectNode) current.body().path("_source") : null;
            if (previous != null && previous.has("delivered_at")
                    && State.quiet(StateJson.instant(previous.get("delivered_at")), period, now)) {
                elsewhere.put(key, learn(previous));
                continue;
            }
            ObjectNode mine = throttle(alert, medium, key, new State.Throttle(now, 0)).put("id", id).put("claimed_by", runner);
            String path = previous == null ? "/" + index + "/_create/" + id
                    : "/" + index + "/_doc/" + id + "?if_seq_no=" + current.body().path("_seq_no").asLong()
                            + "&if_primary_term=" + current.body().path("_primary_term").asLong();
            ElasticsearchClient.Reply write = call(() -> cluster.conditional("PUT", path, mine));
            if (write.found()) {
                claimed.add(key);
                claims.put(id, previous);
                known.put(id, mine.deepCopy().without("claimed_by"));
            } else {
                ElasticsearchClient.Reply winner = call(() -> cluster.conditional("GET", "/" + index + "/_doc/" + id, null));
                if (winner.found()) {
                    elsewhere.put(key, learn((ObjectNode) winner.body().path("_source")));
                }
            }
        }
        return new Claim(alert, medium, claimed, elsewhere);
    }

    /** Another runner delivered this key: this store knows its record, and returns its throttle for the state. */
    private State.Throttle learn(ObjectNode doc) {
        ObjectNode copy = doc.deepCopy();
        copy.remove("claimed_by");
        known.put(copy.path("id").asText(), copy);
        return new State.Throttle(StateJson.instant(doc.get("delivered_at")), doc.path("suppressed").asInt());
    }

    @Override
    public void release(String alert, String medium, List<String> keys) throws IOException {
        for (String key : keys) {
            String id = id("throttle", alert, medium, key);
            if (!claims.containsKey(id)) {
                continue;
            }
            ObjectNode previous = claims.remove(id);
            if (previous == null) {
                call(() -> cluster.conditional("DELETE", "/" + index + "/_doc/" + id, null));
                known.remove(id);
            } else {
                call(() -> cluster.conditional("PUT", "/" + index + "/_doc/" + id, previous));
                known.put(id, previous);
            }
        }
    }

    private void createIndex() throws IOException {
        if (call(() -> cluster.conditional("HEAD", "/" + index, null)).found()) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").put("number_of_replicas", 0).put("auto_expand_replicas", "0-1");
        ObjectNode mappings = body.putObject("mappings").put("dynamic", false);
        ObjectNode properties = mappings.putObject("properties");
        for (String keyword : List.of("id", "kind", "alert", "medium", "key", "claimed_by")) {
            properties.putObject(keyword).put("type", "keyword");
        }
        for (String date : List.of("at", "until", "delivered_at", "first_failed_at")) {
            properties.putObject(date).put("type", "date");
        }
        ElasticsearchClient.Reply created;
        try {
            created = cluster.conditional("PUT", "/" + index, body);
        } catch (ElasticsearchException e) {
            if (e.getMessage().contains("resource_already_exists_exception")) {
                return;   // another runner created it first
            }
            throw new IOException(e.getMessage(), e);
        }
        if (!created.found()) {
            throw new IOException("the state index " + index + " could not be created");
        }
    }

    private static ObjectNode action(String type, String id) {
        ObjectNode action = JSON.createObjectNode();
        action.putObject(type).put("_id", id);
        return action;
    }

    /** A document id from the parts of what it records; hashed, so any alert name or key fits. */
    private static String id(String kind, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
            return kind + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    private interface Call<T> {
        T run() throws ElasticsearchException;
    }

    private static <T> T call(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
