package io.alertas.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.core.internal.elasticsearch.ElasticsearchClient;
import io.alertas.core.internal.elasticsearch.ElasticsearchException;
import io.alertas.spi.AlertContext;
import io.alertas.core.pass.PassReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;

/**
 * The search fan-out of a pass: each alert's query rendered for its window, the searches sent to the cluster
 * in batches ({@code _msearch}), a search that several alerts of one jar send alike once, an alert's other
 * requests on their own, and the answers fetched before the pass (a backtest's) taken instead of asking again. Partial shard failures are written to the ledger.
 */
final class Searches {

    private final PassContext context;
    private final AlertBoundary boundary;
    private final PassLedger ledger;
    private final Logger log;
    /** Answers fetched before the pass for some of its searches (a backtest's batches), by search. */
    private final Map<ElasticsearchClient.Search, ElasticsearchClient.Answer> answered;

    Searches(PassContext context, AlertBoundary boundary, PassLedger ledger, Logger log,
            Map<ElasticsearchClient.Search, ElasticsearchClient.Answer> answered) {
        this.context = context;
        this.boundary = boundary;
        this.ledger = ledger;
        this.log = log;
        this.answered = answered;
    }

    /**
     * Asks the cluster, on {@code queries}, for the response of each of {@code selected} that has its context
     * in {@code contexts}: by alert name, the response to come. An alert whose query cannot be made has none,
     * and its failure is in the boundary.
     */
    Map<String, CompletableFuture<JsonNode>> send(List<Alert> selected, Map<String, AlertContext> contexts,
            ExecutorService queries) {
        Map<String, CompletableFuture<JsonNode>> responses = new HashMap<>();
        Map<Alert, ElasticsearchClient.Answer> known = new HashMap<>();
        Map<Shared, List<Alert>> asking = new LinkedHashMap<>();
        for (Alert alert : selected.stream().filter(a -> a.isSearch() && contexts.containsKey(a.name())).toList()) {
            AlertContext about = contexts.get(alert.name());
            Optional<JsonNode> body = boundary.attempt(alert, about.window(), "its query", () -> alert.query().render(about));
            if (body.isEmpty()) {
                continue;
            }
            ElasticsearchClient.Search search = new ElasticsearchClient.Search(alert.index(), body.get());
            ElasticsearchClient.Answer answer = answered.get(search);
            if (answer != null) {
                known.put(alert, answer);
            } else {
                asking.computeIfAbsent(new Shared(alert.jar(), search), any -> new ArrayList<>()).add(alert);
            }
        }
        List<Shared> distinct = new ArrayList<>(asking.keySet());
        int batch = context.cluster().searchBatch();
        for (int from = 0; from < distinct.size(); from += batch) {
            List<Shared> part = distinct.subList(from, Math.min(from + batch, distinct.size()));
            List<ElasticsearchClient.Search> requests = part.stream().map(Shared::search).toList();
            CompletableFuture<List<ElasticsearchClient.Answer>> answers =
                    CompletableFuture.supplyAsync(() -> msearch(requests), queries);
            for (int i = 0; i < part.size(); i++) {
                ElasticsearchClient.Search search = requests.get(i);
                int item = i;
                CompletableFuture<ElasticsearchClient.Answer> answer = answers.handle((list, failure) -> failure == null
                                ? CompletableFuture.completedFuture(list.get(item))
                                : alone(search, failure, part.size(), queries))
                        .thenCompose(one -> one);
                asking.get(part.get(i)).forEach(alert -> responses.put(alert.name(), answer.thenApply(a -> answer(alert, a))));
            }
        }
        known.forEach((alert, answer) -> responses.put(alert.name(),
                CompletableFuture.completedFuture(answer).thenApply(a -> answer(alert, a))));
        selected.stream().filter(a -> !a.isSearch() && contexts.containsKey(a.name())).forEach(alert -> responses.put(alert.name(),
                CompletableFuture.supplyAsync(() -> request(alert, contexts.get(alert.name())), queries)));
        return responses;
    }

    /**
     * A search that alerts of one jar send alike (the rules of one Sigma log source fetch the same events): it goes
     * once, and its answer is each one's. Alerts of different jars never share an answer, so that an evaluator that
     * alters the response it is given alters only its own jar's.
     */
    private record Shared(String jar, ElasticsearchClient.Search search) {
    }

    /**
     * The answer to one search of a batch that failed as a whole. A failure that may come from one search
     * (a query Elasticsearch cannot parse, an answer too large to read, a timeout) is not every alert's:
     * each search of the batch is then sent on its own, so that it fails only its own alerts.
     */
    private CompletableFuture<ElasticsearchClient.Answer> alone(ElasticsearchClient.Search search, Throwable failure,
            int batchSize, ExecutorService queries) {
        Throwable cause = Evaluated.unwrapped(failure);
        if (batchSize == 1 || !(cause instanceof ElasticsearchException e) || !e.ofTheRequest()) {
            return CompletableFuture.failedFuture(cause);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new ElasticsearchClient.Answer(context.timings().time(Timings.Phase.QUERIES,
                        () -> context.cluster().search(search.index(), search.body())), null);
            } catch (ElasticsearchException single) {
                return new ElasticsearchClient.Answer(null, single);
            }
        }, queries);
    }

    private List<ElasticsearchClient.Answer> msearch(List<ElasticsearchClient.Search> searches) {
        try {
            return context.timings().time(Timings.Phase.QUERIES, () -> context.cluster().msearch(searches));
        } catch (ElasticsearchException e) {
            throw new CompletionException(e);
        }
    }

    private JsonNode answer(Alert alert, ElasticsearchClient.Answer answer) {
        if (answer.failure() != null) {
            throw new CompletionException(answer.failure());
        }
        return checked(alert, answer.response());
    }

    private JsonNode request(Alert alert, AlertContext about) {
        try {
            JsonNode body = alert.query().render(about);
            return checked(alert, context.timings().time(Timings.Phase.QUERIES,
                    () -> context.cluster().request(alert.method(), alert.path(), body)));
        } catch (ElasticsearchException e) {
            throw new CompletionException(e);
        }
    }

    /** Says partial shard failures of a response; the results are evaluated all the same. */
    private JsonNode checked(Alert alert, JsonNode response) {
        JsonNode shards = response.path("_shards");
        if (shards.path("failed").asInt() > 0) {
            String warning = "alert \"" + alert.name() + "\": " + shards.path("failed").asInt() + " of "
                    + shards.path("total").asInt() + " shards failed ("
                    + shards.path("failures").path(0).path("reason").path("reason").asText("no reason given")
                    + "); it was evaluated on partial results";
            log.warn(PassReport.LOGGED_AND_REPORTED, warning);
            ledger.warn(warning);
        }
        return response;
    }
}
