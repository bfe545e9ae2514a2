package bulkreg.graphql;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.JobStatus;
import bulkreg.core.RegistrationValidator;
import graphql.schema.DataFetchingEnvironment;

import java.util.Map;
import java.util.Optional;

/** The Query root: read through the core, map to the schema's shapes. */
final class QueryFetchers {

    private final BulkRegistrationService service;

    QueryFetchers(BulkRegistrationService service) {
        this.service = service;
    }

    JobView bulkRegistration(DataFetchingEnvironment env) {
        return JobView.of(service.job(env.getArgument("id")));
    }

    Connection<JobView> bulkRegistrations(DataFetchingEnvironment env) {
        Map<String, Object> filter = Optional.<Map<String, Object>>ofNullable(env.getArgument("filter"))
                .orElse(Map.of());
        var jobs = RegistrationValidator.filter(Optional.ofNullable((JobStatus) filter.get("status")),
                Optional.ofNullable((String) filter.get("coordinatorId")),
                Optional.ofNullable((String) filter.get("activityType")));
        String after = env.getArgument("after");
        var slice = service.list(jobs, Cursors.afterJob(after), Arguments.first(env, 20));
        return Connection.of(slice.items().stream().map(JobView::of).toList(), job -> Cursors.job(job.id()),
                slice.hasMore(), after != null, slice.total());
    }

    Object participationActivity(DataFetchingEnvironment env) {
        return service.activity(env.getArgument("id"));
    }
}
