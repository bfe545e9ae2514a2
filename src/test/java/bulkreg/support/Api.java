package bulkreg.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** A plain HTTP client for the REST API: real requests, JSON answers. */
public final class Api {

    public static final String BASE = "/api/v1/bulk-registrations";
    public static final String CONTRACT_BASE = BASE + BASE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public Api(int port) {
        this.port = port;
    }

    /** An answer: status, headers and the body, parsed when it is JSON. */
    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("content-type");
        }
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public Response post(String path, Object body) {
        return send(path, "POST", "application/json", body);
    }

    public Response put(String path, Object body) {
        return send(path, "PUT", "application/json", body);
    }

    public Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** Any method, content type and body (a String is sent as is, anything else as JSON). */
    public Response send(String path, String method, String contentType, Object body) {
        var text = text(body);
        var builder = request(path).method(method, HttpRequest.BodyPublishers.ofString(text));
        // Like curl, ask before sending a large body, so that a refusal (413) arrives before the upload.
        builder.expectContinue(text.length() > 1 << 20);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    /** Polls a job until the predicate holds, failing after the timeout. */
    public JsonNode await(String jobId, Predicate<JsonNode> condition, Duration timeout) {
        var deadline = Instant.now().plus(timeout);
        while (true) {
            var job = get(BASE + "/" + jobId).json();
            if (condition.test(job)) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + jobId + " did not reach the expected state in " + timeout
                        + "; last seen: " + abbreviate(job.toString()));
            }
            sleep(50);
        }
    }

    public JsonNode awaitStatus(String jobId, String status) {
        return await(jobId, j -> status.equals(j.path("status").asText()), Duration.ofSeconds(60));
    }

    public static String text(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private static Response send(HttpRequest request) {
        try {
            var response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            var type = response.headers().firstValue("content-type").orElse("");
            JsonNode json = type.contains("json") && !response.body().isEmpty()
                    ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
