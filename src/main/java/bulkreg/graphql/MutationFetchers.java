package bulkreg.graphql;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.RegistrationRequest;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Mutation root: call the core, answer with a payload; invalid input becomes its userErrors. */
final class MutationFetchers {

    private final BulkRegistrationService service;

    MutationFetchers(BulkRegistrationService service) {
        this.service = service;
    }

    @SuppressWarnings("unchecked")
    Payloads.JobPayload create(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        var request = new RegistrationRequest((String) input.get("coordinatorId"),
                (List<String>) input.get("mentorIds"), (String) input.get("activityType"),
                (String) input.get("activityDate"), (Integer) input.get("durationMinutes"),
                (String) input.get("notes"), (Boolean) input.get("overrideDuplicates"));
        var key = Optional.ofNullable((String) input.get("idempotencyKey"));
        return GraphQlErrors.payload(() -> service.submit(request, key).job(),
                job -> Payloads.JobPayload.done(JobView.of(job)), Payloads.JobPayload::invalid);
    }

    Payloads.JobPayload retryFailed(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        boolean override = Boolean.TRUE.equals(env.getArgument("overrideDuplicates"));
        return GraphQlErrors.payload(() -> service.retryFailed(id, override),
                job -> Payloads.JobPayload.done(JobView.of(job)), Payloads.JobPayload::invalid);
    }

    Payloads.JobPayload cancel(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        return GraphQlErrors.payload(() -> service.cancel(id), job -> Payloads.JobPayload.done(JobView.of(job)),
                Payloads.JobPayload::invalid);
    }

    Payloads.DeletePayload delete(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        return GraphQlErrors.payload(() -> {
            service.delete(id);
            return id;
        }, Payloads.DeletePayload::done, Payloads.DeletePayload::invalid);
    }
}
