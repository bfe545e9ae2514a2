package bulkreg.graphql;

import bulkreg.core.RequestBudget;
import bulkreg.core.UnavailableException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.OperationDefinition.Operation;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * GraphQL over HTTP at {@code /graphql}: POST with a JSON body and GET for queries. 400 for a request that
 * does not parse, 422 for one that fails validation or whose variables do not coerce, 200 whenever the answer
 * holds {@code data}; a mutation over GET is refused with 405 and never runs.
 */
final class GraphQlHttp implements HttpService {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String JSON = "application/json";

    private final GraphQlEngine engine;
    private final HttpRequestReader reader;
    private final ObjectMapper json;
    private final RequestBudget budget;
    private final long maxRequestBytes;

    GraphQlHttp(GraphQlEngine engine, ObjectMapper json, long maxRequestBytes, RequestBudget budget) {
        this.engine = engine;
        this.reader = new HttpRequestReader(json, maxRequestBytes);
        this.json = json;
        this.budget = budget;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::post)
                .get("/", (req, res) -> answer(req, res, reader::get, true))
                .any("/", this::otherMethod);
    }

    /** A POST body (a mutation's 10,000 mentor ids, say) waits for room in the shared request budget. */
    private void post(ServerRequest req, ServerResponse res) {
        try (var room = budget.acquire(req.headers().contentLength().orElse(maxRequestBytes))) {
            answer(req, res, reader::post, false);
        } catch (UnavailableException busy) {
            res.header(HeaderNames.RETRY_AFTER, "5");
            send(res, 503, mediaType(req), errors(GraphQlErrors.requestError(busy.code(), busy.getMessage())));
        }
    }

    private void otherMethod(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ALLOW, "GET, POST");
        send(res, 405, JSON, errors(GraphQlErrors.requestError("METHOD_NOT_ALLOWED",
                req.prologue().method().text() + " is not supported here; use POST (or GET for queries)")));
    }

    private void answer(ServerRequest req, ServerResponse res, Function<ServerRequest, GraphQlRequest> read,
                        boolean readOnly) {
        var mediaType = mediaType(req);
        try {
            var request = read.apply(req);
            var kind = engine.kind(request);
            if (readOnly && kind == Operation.MUTATION) {
                res.header(HeaderNames.ALLOW, "POST");
                throw RequestProblem.of(405, "METHOD_NOT_ALLOWED", "A mutation cannot run over GET; use POST");
            }
            if (kind == Operation.SUBSCRIPTION) {
                throw RequestProblem.of(400, "SUBSCRIPTION_OVER_HTTP",
                        "Subscriptions run over the WebSocket at /graphql with the graphql-transport-ws protocol");
            }
            var result = engine.execute(request);
            send(res, status(result), mediaType, result.toSpecification());
        } catch (RequestProblem problem) {
            send(res, problem.status(), mediaType, errors(problem.error()));
        } catch (RuntimeException e) {
            GraphQlErrors.unexpected(req.prologue().method().text() + " /graphql", e);
            send(res, 500, mediaType, errors(GraphQlErrors.requestError("INTERNAL", GraphQlErrors.INTERNAL_MESSAGE)));
        }
    }

    /** 200 whenever there is data; without it, a request that failed validation or variable coercion: 422. */
    private static int status(ExecutionResult result) {
        if (result.isDataPresent()) {
            return 200;
        }
        return result.getErrors().stream().map(GraphQLError::getErrorType).anyMatch(t -> t == ErrorType.InvalidSyntax)
                ? 400 : 422;
    }

    /** The GraphQL response media type when the client accepts it, else JSON. */
    private static String mediaType(ServerRequest req) {
        var accepted = String.join(",", req.headers().all(HeaderNames.ACCEPT, List::of)).toLowerCase();
        return accepted.contains(GRAPHQL_RESPONSE) ? GRAPHQL_RESPONSE : JSON;
    }

    private static Map<String, Object> errors(GraphQLError error) {
        return Map.of("errors", List.of(error.toSpecification()));
    }

    private void send(ServerResponse res, int status, String mediaType, Object body) {
        try {
            res.status(Status.create(status));
            res.header(HeaderNames.CONTENT_TYPE, mediaType + "; charset=utf-8");
            res.send(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
