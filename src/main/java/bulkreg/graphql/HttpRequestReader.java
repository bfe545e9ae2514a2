package bulkreg.graphql;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads a GraphQL-over-HTTP request: a JSON body for POST, URL parameters for GET. Anything that cannot be
 * read is a 400 (415 for a body that is not JSON, 413 for one over the limit).
 */
final class HttpRequestReader {

    private final ObjectMapper json;
    private final long maxBytes;

    HttpRequestReader(ObjectMapper json, long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    GraphQlRequest post(ServerRequest req) {
        var type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            throw RequestProblem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Send the request as application/json"
                    + (type.isEmpty() ? " (no Content-Type was given)" : ", not " + type));
        }
        var body = object(parse(body(req)), "The body");
        return new GraphQlRequest(text(body.get("query"), "query", true), text(body.get("operationName"),
                "operationName", false), map(body.get("variables"), "variables"), map(body.get("extensions"),
                "extensions"));
    }

    GraphQlRequest get(ServerRequest req) {
        var query = req.query();
        var variables = query.first("variables").asOptional().map(v -> object(parse(v), "variables")).orElse(null);
        var extensions = query.first("extensions").asOptional().map(v -> object(parse(v), "extensions"))
                .orElse(null);
        var document = query.first("query").asOptional()
                .orElseThrow(() -> malformed("The query parameter 'query' is required"));
        return new GraphQlRequest(document, query.first("operationName").asOptional().orElse(null),
                map(variables, "variables"), map(extensions, "extensions"));
    }

    private String body(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > maxBytes) {
            throw tooLarge();
        }
        try (var in = req.content().inputStream()) {
            var bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode parse(String text) {
        try (var parser = json.createParser(text)) {
            JsonNode node = json.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw malformed("The body is empty; send a JSON object with a query");
            }
            if (parser.nextToken() != null) {
                throw malformed("The JSON goes on after its first value");
            }
            return node;
        } catch (JacksonException e) {
            throw malformed("The request is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(JsonNode node, String what) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw malformed(what + " must be a JSON object");
    }

    private static String text(JsonNode node, String field, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw malformed("'" + field + "' is required: the GraphQL document to run");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw malformed("'" + field + "' must be a string");
        }
        return node.asText();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw malformed("'" + field + "' must be a JSON object");
        }
        return json.convertValue(node, Map.class);
    }

    private static RequestProblem malformed(String message) {
        return RequestProblem.of(400, "BAD_REQUEST", message);
    }

    private RequestProblem tooLarge() {
        return RequestProblem.of(413, "REQUEST_TOO_LARGE", "The request is larger than " + maxBytes + " bytes");
    }
}
