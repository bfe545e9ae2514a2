package bulkreg.graphql;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.JobEvent;
import bulkreg.core.JobEventKind;
import bulkreg.core.RegistrationValidator;
import graphql.schema.DataFetchingEnvironment;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The Subscription root: the core's event publishers, adapted to Reactive Streams for graphql-java. The
 * core serves each subscriber at the pace it requests, so a slow client holds up nobody else.
 */
final class SubscriptionFetchers {

    /** What a coordinator's job feed shows: jobs appearing and ending, not their progress. */
    private static final Set<JobEventKind> LIFECYCLE = EnumSet.of(JobEventKind.CREATED, JobEventKind.COMPLETED,
            JobEventKind.FAILED, JobEventKind.CANCELLED, JobEventKind.DELETED);

    private final BulkRegistrationService service;

    SubscriptionFetchers(BulkRegistrationService service) {
        this.service = service;
    }

    /** Without changedResults selected, the subscriber wants the job's state: conflated when it falls behind. */
    Publisher<JobEvent> progress(DataFetchingEnvironment env) {
        boolean stateOnly = !env.getSelectionSet().contains("changedResults");
        return FlowAdapters.toPublisher(service.watch(env.getArgument("id"), stateOnly));
    }

    Publisher<JobEvent> coordinatorEvents(DataFetchingEnvironment env) {
        String coordinatorId = env.getArgument("coordinatorId");
        RegistrationValidator.filter(Optional.empty(), Optional.of(coordinatorId), Optional.empty());
        return FlowAdapters.toPublisher(service.events(service.latestEventSequence(),
                e -> e.coordinatorId().equals(coordinatorId) && LIFECYCLE.contains(e.kind())));
    }
}
