package bulkreg.rest;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's reference: {@code GET /bench/bare/{bytes}} answers a constant JSON body of that size with
 * no work behind it, so `make bench` can set the service's reads beside what the web server itself can do.
 * Mounted only when the setting {@code bulkreg.bench-route} is true.
 */
public final class BareRoute {

    private static final int MAX_BYTES = 1 << 20;

    private final ConcurrentHashMap<Integer, byte[]> bodies = new ConcurrentHashMap<>();

    public void register(HttpRouting.Builder routing) {
        routing.get("/bench/bare/{bytes}", this::answer);
    }

    private void answer(ServerRequest req, ServerResponse res) {
        int size = Math.clamp(Integer.parseInt(req.path().pathParameters().get("bytes")), 16, MAX_BYTES);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bodies.computeIfAbsent(size, BareRoute::body));
    }

    private static byte[] body(int size) {
        var padding = "x".repeat(size - "{\"pad\":\"\"}".length());
        return ("{\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
