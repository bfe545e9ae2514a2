package bulkreg.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

import java.nio.charset.StandardCharsets;

/**
 * Problem+json for the errors the web server answers before any route runs (a body over the size limit, a
 * request line or header that is not HTTP), so that every error of the service has the same shape.
 */
public final class TransportProblems implements DirectHandler {

    private final ObjectMapper json = RestApi.mapper();
    private final long maxPayloadBytes;

    private TransportProblems(long maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public static DirectHandlers handlers(long maxPayloadBytes) {
        var handler = new TransportProblems(maxPayloadBytes);
        var builder = DirectHandlers.builder();
        for (var type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        // The server reports an oversized body as BAD_REQUEST with status 413.
        var problem = status.code() == 413 ? new Problem("urn:bulkreg:problem:payload-too-large",
                "Payload too large", 413, "The body is larger than the limit of " + maxPayloadBytes + " bytes",
                "PAYLOAD_TOO_LARGE", null) : switch (eventType) {
            case PAYLOAD_TOO_LARGE, BAD_REQUEST, HTTP_VERSION_NOT_SUPPORTED, FORBIDDEN -> new Problem(
                    "urn:bulkreg:problem:malformed-request", "Malformed request", status.code(),
                    "The request is not valid HTTP/1.1 or HTTP/2: " + status.reasonPhrase(), "MALFORMED_REQUEST",
                    null);
            case INTERNAL_ERROR, OTHER -> new Problem("urn:bulkreg:problem:internal", "Internal error",
                    status.code(), "The server could not handle the request", "INTERNAL", null);
        };
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .entity(bytes(problem))
                .keepAlive(eventType.keepAlive())
                .build();
    }

    private byte[] bytes(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return problem.detail().getBytes(StandardCharsets.UTF_8);
        }
    }
}
