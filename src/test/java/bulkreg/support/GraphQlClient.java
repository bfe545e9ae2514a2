package bulkreg.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** GraphQL over real HTTP: POST and GET to /graphql, answers parsed as JSON. */
public final class GraphQlClient {

    public static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public GraphQlClient(int port) {
        this.port = port;
    }

    /** An answer: status, headers and the body as JSON. */
    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode data() {
            return json.path("data");
        }

        public JsonNode firstError() {
            return json.path("errors").path(0);
        }
    }

    /** POSTs a document with variables, accepting the GraphQL response type; fails on anything but 200. */
    public JsonNode query(String document, Map<String, Object> variables) {
        var response = post(document, variables);
        if (response.status() != 200) {
            throw new AssertionError("HTTP " + response.status() + ": " + response.raw().body());
        }
        return response.json();
    }

    public Response post(String document, Map<String, Object> variables) {
        var body = new LinkedHashMap<String, Object>();
        body.put("query", document);
        body.put("variables", variables);
        return post(text(body), "application/json", GRAPHQL_RESPONSE);
    }

    public Response post(String body, String contentType, String accept) {
        var builder = request("/graphql").POST(HttpRequest.BodyPublishers.ofString(body));
        // Like curl (and Api), ask before sending a large body: a refusal (413) then arrives before the upload,
        // instead of the server closing on an unread body, which can reset the connection under its answer.
        builder.expectContinue(body.length() > 1 << 20);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (accept != null) {
            builder.header("Accept", accept);
        }
        return send(builder.build());
    }

    /** GET with URL parameters (null ones left out). */
    public Response get(String document, String operationName, String variablesJson) {
        var query = new StringBuilder("?query=").append(encode(document));
        if (operationName != null) {
            query.append("&operationName=").append(encode(operationName));
        }
        if (variablesJson != null) {
            query.append("&variables=").append(encode(variablesJson));
        }
        return send(request("/graphql" + query).header("Accept", GRAPHQL_RESPONSE).GET().build());
    }

    public Response send(String method, String body) {
        return send(request("/graphql").method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Response send(HttpRequest request) {
        try {
            var response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            var type = response.headers().firstValue("content-type").orElse("");
            JsonNode json = type.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
