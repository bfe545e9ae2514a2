package bulkreg.rest;

import bulkreg.core.BulkRegException;
import bulkreg.core.ConflictException;
import bulkreg.core.IdempotencyKeyReusedException;
import bulkreg.core.InvalidInputException;
import bulkreg.core.NotFoundException;
import bulkreg.core.UnavailableException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.lang.System.Logger.Level;
import java.util.List;

/** The one place that turns errors into HTTP answers: problem+json, never a stack trace. */
final class RestErrors {

    private static final System.Logger LOG = System.getLogger(RestErrors.class.getName());
    private static final String TYPE_PREFIX = "urn:bulkreg:problem:";

    private final ObjectMapper json;

    RestErrors(ObjectMapper json) {
        this.json = json;
    }

    void core(ServerRequest req, ServerResponse res, BulkRegException e) {
        switch (e) {
            case InvalidInputException invalid -> send(req, res, new Problem(TYPE_PREFIX + "invalid-input",
                    "Invalid request", 400, restField(invalid.getMessage()), invalid.code(),
                    invalid.errors().stream()
                            .map(f -> new Problem.FieldProblem(restField(f.field()), f.code(), f.message())).toList()));
            case NotFoundException notFound -> send(req, res, simple("not-found", "Not found", 404, notFound));
            case ConflictException conflict -> send(req, res, simple("conflict", "Conflict", 409, conflict));
            case IdempotencyKeyReusedException reused -> send(req, res,
                    simple("idempotency-key-reused", "Idempotency key reused", 422, reused));
            case UnavailableException unavailable -> {
                res.header(HeaderNames.RETRY_AFTER, "5");
                send(req, res, simple("unavailable", "Service unavailable", 503, unavailable));
            }
        }
    }

    void request(ServerRequest req, ServerResponse res, RequestProblem e) {
        send(req, res, new Problem(TYPE_PREFIX + slug(e.title()), e.title(), e.status(), e.getMessage(), e.code(),
                null));
    }

    void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        LOG.log(Level.ERROR, "Unexpected failure on " + req.prologue().method().text() + " " + req.path().absolute().path(), e);
        send(req, res, new Problem(TYPE_PREFIX + "internal", "Internal error", 500,
                "The service failed unexpectedly; the failure is logged", "INTERNAL", null));
    }

    void notFound(ServerRequest req, ServerResponse res) {
        send(req, res, new Problem(TYPE_PREFIX + "not-found", "Not found", 404,
                "No resource at " + req.path().absolute().path(), "NOT_FOUND", null));
    }

    void methodNotAllowed(ServerRequest req, ServerResponse res, List<String> allowed) {
        var method = req.prologue().method().text();
        res.header(HeaderNames.ALLOW, String.join(", ", allowed));
        send(req, res, new Problem(TYPE_PREFIX + "method-not-allowed", "Method not allowed", 405,
                method + " is not supported here; use " + String.join(" or ", allowed), "METHOD_NOT_ALLOWED",
                null));
    }

    /** The key travels in a header in REST: name it as the client wrote it (a field, or a detail naming it). */
    private static String restField(String text) {
        var core = "idempotency_key";
        return text.startsWith(core) ? "Idempotency-Key" + text.substring(core.length()) : text;
    }

    private static Problem simple(String type, String title, int status, BulkRegException e) {
        return new Problem(TYPE_PREFIX + type, title, status, e.getMessage(), e.code(), null);
    }

    private void send(ServerRequest req, ServerResponse res, Problem problem) {
        try {
            res.status(Status.create(problem.status()));
            Bodies.send(req, res, Problem.MEDIA_TYPE, json.writeValueAsBytes(problem));
        } catch (Exception e) {
            LOG.log(Level.ERROR, "Cannot write a problem response", e);
        }
    }

    private static String slug(String title) {
        return title.toLowerCase().replace(' ', '-');
    }
}
