package bulkreg.rest;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.Submission;
import bulkreg.core.RequestBudget;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.util.List;

/** The bulk registration resource: parse, call the core, map. Mounted at the canonical and the contract path. */
final class RegistrationRoutes implements HttpService {

    static final String CANONICAL_PATH = "/api/v1/bulk-registrations";
    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    private static final HeaderName REPLAYED = HeaderNames.create("Idempotent-Replayed");

    private final BulkRegistrationService service;
    private final RequestBudget budget;
    private final long maxBodyBytes;
    private final RequestReader reader;
    private final RestErrors errors;
    private final ObjectMapper json;
    private final RenderedDetails rendered;

    RegistrationRoutes(BulkRegistrationService service, RequestBudget budget, long maxBodyBytes, ObjectMapper json,
                       RestErrors errors, RenderedDetails rendered) {
        this.service = service;
        this.budget = budget;
        this.maxBodyBytes = maxBodyBytes;
        this.reader = new RequestReader(json);
        this.errors = errors;
        this.json = json;
        this.rendered = rendered;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .head("/", this::list)
                .any("/", (req, res) -> errors.methodNotAllowed(req, res, List.of("GET", "HEAD", "POST")))
                .get("/{id}", this::get)
                .put("/{id}", this::retry)
                .delete("/{id}", this::remove)
                .head("/{id}", this::get)
                .any("/{id}", (req, res) -> errors.methodNotAllowed(req, res, List.of("GET", "HEAD", "PUT", "DELETE")));
    }

    private void list(ServerRequest req, ServerResponse res) throws JsonProcessingException {
        var query = ListQuery.parse(req.query());
        send(req, res, Status.OK_200, JobJson.Listing.from(service.list(query.filter(), query.page())));
    }

    /** A repeat with the same Idempotency-Key gets the first answer again, marked as a replay. */
    private void create(ServerRequest req, ServerResponse res) throws JsonProcessingException {
        Submission submission;
        try (var room = budget.acquire(req.headers().contentLength().orElse(maxBodyBytes))) {
            submission = service.submit(reader.create(req), req.headers().first(IDEMPOTENCY_KEY));
        }
        var job = submission.job();
        res.header(HeaderNames.LOCATION, CANONICAL_PATH + "/" + job.id());
        if (submission.replayed()) {
            res.header(REPLAYED, "true");
        }
        send(req, res, Status.ACCEPTED_202, JobJson.Created.from(job));
    }

    private void get(ServerRequest req, ServerResponse res) throws IOException {
        var detail = service.get(req.path().pathParameters().get("id"));
        res.status(Status.OK_200);
        Bodies.send(req, res, "application/json",
                rendered.json(detail, d -> json.writeValueAsBytes(JobJson.Detail.from(d))));
    }

    private void retry(ServerRequest req, ServerResponse res) throws JsonProcessingException {
        var action = reader.action(req);
        if (action.action() == null) {
            throw InvalidInputException.of("action", FieldError.REQUIRED, "is required; the one action is retry_failed");
        }
        if (!action.action().equals("retry_failed")) {
            throw InvalidInputException.of("action", FieldError.INVALID_FORMAT,
                    "must be retry_failed (the only action), not '" + action.action() + "'");
        }
        var job = service.retryFailed(req.path().pathParameters().get("id"),
                Boolean.TRUE.equals(action.overrideDuplicates()));
        send(req, res, Status.OK_200, JobJson.Retried.from(job));
    }

    private void remove(ServerRequest req, ServerResponse res) throws JsonProcessingException {
        var id = req.path().pathParameters().get("id");
        var verb = switch (service.remove(id)) {
            case CANCELLED -> "cancelled";
            case DELETED -> "deleted";
        };
        send(req, res, Status.OK_200, new JobJson.Message("Bulk registration job " + id + " " + verb + " successfully"));
    }

    private void send(ServerRequest req, ServerResponse res, Status status, Object body)
            throws JsonProcessingException {
        res.status(status);
        Bodies.send(req, res, "application/json", json.writeValueAsBytes(body));
    }
}
