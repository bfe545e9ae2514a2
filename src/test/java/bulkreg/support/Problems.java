package bulkreg.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks for the service's error answers: RFC 9457 problem documents that never leak internals. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\(");
    private static final List<String> LEAKS = List.of("Exception", "SQL", "com.fasterxml", "org.postgresql",
            "io.helidon", "bulkreg.", "java.lang", "Caused by");

    private Problems() {
    }

    /** A problem+json answer with the given status and the type/title/status/detail members. */
    public static JsonNode assertProblem(Api.Response response, int status) {
        assertNoLeak(response);
        assertEquals(status, response.status(), () -> "status; body: " + response.raw().body());
        assertEquals(MEDIA_TYPE, response.contentType(), "content type");
        var body = response.json();
        assertNotNull(body, "a JSON body");
        assertTrue(body.path("type").asText().startsWith("urn:bulkreg:problem:"), body::toString);
        assertFalse(body.path("title").asText().isBlank(), body::toString);
        assertTrue(body.path("status").isInt(), body::toString);
        assertEquals(status, body.path("status").asInt(), body::toString);
        assertFalse(body.path("detail").asText().isBlank(), body::toString);
        return body;
    }

    /** A 400 validation problem: its {@code errors} list of {field, code, message}, each member filled in. */
    public static List<JsonNode> assertInvalid(Api.Response response) {
        var body = assertProblem(response, 400);
        var errors = body.path("errors");
        assertTrue(errors.isArray() && !errors.isEmpty(), () -> "an errors list: " + body);
        var list = new ArrayList<JsonNode>();
        for (var error : errors) {
            for (var member : List.of("field", "code", "message")) {
                assertTrue(error.path(member).isTextual() && !error.path(member).asText().isBlank(),
                        () -> member + " in " + error);
            }
            list.add(error);
        }
        assertTrue(body.path("detail").asText().contains(list.getFirst().path("field").asText()),
                () -> "the detail names the first field: " + body);
        return list;
    }

    /** The one field error of a 400, which must name {@code field} with {@code code}. */
    public static JsonNode assertOnlyError(Api.Response response, String field, String code) {
        var errors = assertInvalid(response);
        assertEquals(1, errors.size(), errors::toString);
        var error = errors.getFirst();
        assertEquals(field, error.path("field").asText(), error::toString);
        assertEquals(code, error.path("code").asText(), error::toString);
        return error;
    }

    /** No stack trace, exception name, SQL or class name in the headers or body, whatever the status. */
    public static void assertNoLeak(Api.Response response) {
        var text = response.raw().headers().map() + "\n" + response.raw().body();
        for (var leak : LEAKS) {
            assertFalse(text.contains(leak), () -> "'" + leak + "' leaked: " + abbreviate(text));
        }
        assertFalse(STACK_FRAME.matcher(text).find(), () -> "a stack trace leaked: " + abbreviate(text));
        assertTrue(response.status() < 500, () -> "a client mistake answered " + response.status() + ": "
                + abbreviate(text));
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
