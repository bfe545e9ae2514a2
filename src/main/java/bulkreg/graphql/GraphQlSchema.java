package bulkreg.graphql;

import bulkreg.core.ActivityId;
import bulkreg.core.BulkRegistrationService;
import bulkreg.core.ItemStatus;
import bulkreg.core.JobEvent;
import bulkreg.core.JobEventKind;
import bulkreg.core.JobStatus;
import bulkreg.core.MentorResult;
import bulkreg.core.ParticipationActivity;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The executable schema: the SDL from the class path, wired to the fetchers. */
final class GraphQlSchema {

    /** Where the build puts {@code schema/bulkreg.graphqls}. */
    static final String RESOURCE = "/schema/bulkreg.graphqls";

    private GraphQlSchema() {
    }

    static GraphQLSchema build(BulkRegistrationService service) {
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl()), wiring(service));
    }

    static String sdl() {
        try (var in = GraphQlSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuntimeWiring wiring(BulkRegistrationService service) {
        var query = new QueryFetchers(service);
        var mutation = new MutationFetchers(service);
        var subscription = new SubscriptionFetchers(service);
        var job = new JobFields(service);
        return RuntimeWiring.newRuntimeWiring()
                .scalar(GraphQlScalars.DATE_SCALAR)
                .scalar(GraphQlScalars.DATE_TIME_SCALAR)
                .type(type("Query")
                        .dataFetcher("bulkRegistration", query::bulkRegistration)
                        .dataFetcher("bulkRegistrations", query::bulkRegistrations)
                        .dataFetcher("participationActivity", query::participationActivity))
                .type(type("Mutation")
                        .dataFetcher("createBulkRegistration", mutation::create)
                        .dataFetcher("retryFailedRegistrations", mutation::retryFailed)
                        .dataFetcher("cancelBulkRegistration", mutation::cancel)
                        .dataFetcher("deleteBulkRegistration", mutation::delete))
                .type(type("Subscription")
                        .dataFetcher("bulkRegistrationProgress", subscription::progress)
                        .dataFetcher("bulkRegistrationEvents", subscription::coordinatorEvents))
                .type(type("BulkRegistration")
                        .dataFetcher("mentorIds", job::mentorIds)
                        .dataFetcher("notes", job::notes)
                        .dataFetcher("overrideDuplicates", job::overrideDuplicates)
                        .dataFetcher("results", job::results)
                        .dataFetcher("progress", source(JobView.class, JobView::progress)))
                .type(type("MentorResult")
                        .dataFetcher("activityId", source(MentorResult.class,
                                r -> r.activityId().map(ActivityId::toString).orElse(null)))
                        .dataFetcher("error", source(MentorResult.class, r -> r.error().orElse(null))))
                .type(type("ParticipationActivity")
                        .dataFetcher("id", source(ParticipationActivity.class, a -> a.id().toString()))
                        .dataFetcher("notes", source(ParticipationActivity.class, a -> a.notes().orElse(null)))
                        .dataFetcher("bulkRegistrationId", source(ParticipationActivity.class,
                                a -> a.jobId().toString())))
                .type(type("BulkRegistrationEvent")
                        .dataFetcher("sequence", source(JobEvent.class, e -> Long.toString(e.sequence())))
                        .dataFetcher("bulkRegistrationId", source(JobEvent.class, e -> e.jobId().toString()))
                        .dataFetcher("progress", source(JobEvent.class,
                                e -> Progress.of(e.processed(), e.mentorCount())))
                        .dataFetcher("changedResults", source(JobEvent.class, service::changedResults)))
                .type(type("BulkRegistrationStatus").enumValues(JobStatus::valueOf))
                .type(type("MentorResultStatus").enumValues(ItemStatus::valueOf))
                .type(type("BulkRegistrationEventKind").enumValues(JobEventKind::valueOf))
                .build();
    }

    private static TypeRuntimeWiring.Builder type(String name) {
        return TypeRuntimeWiring.newTypeWiring(name);
    }

    private static <S, T> DataFetcher<T> source(Class<S> type, java.util.function.Function<S, T> field) {
        return env -> field.apply(type.cast(env.getSource()));
    }
}
