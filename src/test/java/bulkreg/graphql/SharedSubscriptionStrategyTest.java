package bulkreg.graphql;

import bulkreg.core.JobEvent;
import bulkreg.core.JobEventKind;
import bulkreg.core.JobId;
import bulkreg.core.JobStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sharing of subscription results on a schema of its own, event by event, without sockets. */
class SharedSubscriptionStrategyTest {

    private static final String SCHEMA = """
            type Query { unused: Int }
            type Subscription { progress(id: ID!): Event }
            type Event { sequence: String! kind: String! broken: String }
            """;
    private static final String COUNTS = "subscription($id: ID!) { progress(id: $id) { sequence kind } }";
    private static final String BROKEN = "subscription($id: ID!) { progress(id: $id) { sequence broken } }";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubscriptionGauge gauge = new SubscriptionGauge();
    private final CountDownLatch brokenStarted = new CountDownLatch(1);
    private final CountDownLatch brokenMayEnd = new CountDownLatch(1);
    private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                    new SchemaParser().parse(SCHEMA), wiring()))
            .subscriptionExecutionStrategy(new SharedSubscriptionStrategy(new SimpleDataFetcherExceptionHandler(),
                    JSON, gauge))
            .build();

    @Test
    void subscribersAskingTheSameThingShareOneExecutionAndRenderingPerEvent() throws Exception {
        var first = subscribe(COUNTS, "1");
        var second = subscribe(COUNTS, "1");
        var a = first.next();
        var b = second.next();

        assertEquals("{\"data\":{\"progress\":{\"sequence\":\"7\",\"kind\":\"PROGRESSED\"}}}",
                JSON.writeValueAsString(a.toSpecification()));
        assertEquals(JSON.writeValueAsString(a.toSpecification()), JSON.writeValueAsString(b.toSpecification()));
        assertEquals(1, gauge.executed());
        assertEquals(1, gauge.shared());
    }

    @Test
    void otherVariablesAreExecutedApart() {
        subscribe(COUNTS, "1").next();
        subscribe(COUNTS, "2").next();

        assertEquals(2, gauge.executed());
        assertEquals(0, gauge.shared());
    }

    @Test
    void aSnapshotIsExecutedForEachSubscriber() {
        subscribe(COUNTS, "snapshot").next();
        subscribe(COUNTS, "snapshot").next();

        assertEquals(2, gauge.executed());
    }

    @Test
    void anErrorReachesEverySubscriberWhoWaitedForItsExecutionAndIsNotKeptForLaterOnes() throws Exception {
        var first = subscribe(BROKEN, "1");
        var second = subscribe(BROKEN, "1");
        List<ExecutionResult> results;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var firstResult = threads.submit(first::next);
            assertTrue(brokenStarted.await(10, TimeUnit.SECONDS));
            var secondResult = threads.submit(second::next);
            Thread.sleep(200); // the second subscriber waits for the first one's execution meanwhile
            brokenMayEnd.countDown();
            results = List.of(firstResult.get(10, TimeUnit.SECONDS), secondResult.get(10, TimeUnit.SECONDS));
        }

        for (var result : results) {
            assertEquals(1, result.getErrors().size(), result.toString());
            assertEquals("broken for everyone", result.getErrors().getFirst().getMessage());
            assertEquals(List.of("progress", "broken"), result.getErrors().getFirst().getPath());
        }
        assertEquals(1, gauge.executed());
        assertEquals(1, gauge.shared());
        subscribe(BROKEN, "1").next();
        assertEquals(2, gauge.executed(), "a later subscriber executes again");
    }

    /** Subscribes to a job whose only event is sequence 7; job "snapshot" has a snapshot instead. */
    private Results subscribe(String document, String job) {
        var result = graphQl.execute(ExecutionInput.newExecutionInput().query(document)
                .variables(Map.of("id", job)).build());
        assertTrue(result.getErrors().isEmpty(), result.getErrors().toString());
        var results = new Results();
        result.<Publisher<ExecutionResult>>getData().subscribe(results);
        return results;
    }

    private RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .type("Subscription", type -> type.dataFetcher("progress", this::events))
                .type("Event", type -> type
                        .dataFetcher("sequence", env -> Long.toString(env.<JobEvent>getSource().sequence()))
                        .dataFetcher("kind", env -> env.<JobEvent>getSource().kind().name())
                        .dataFetcher("broken", this::broken))
                .build();
    }

    private Flow.Publisher<JobEvent> events(DataFetchingEnvironment env) {
        var kind = env.getArgument("id").equals("snapshot") ? JobEventKind.SNAPSHOT : JobEventKind.PROGRESSED;
        var event = new JobEvent(7, new JobId(1), "coord-1", kind, JobStatus.PROCESSING, 1, 0, 2, List.of(0),
                Instant.parse("2026-03-28T10:00:00Z"));
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            public void request(long n) {
                subscriber.onNext(event);
            }

            public void cancel() {
            }
        });
    }

    /** Fails its field the first time only after the test lets it, so that others can wait for it meanwhile. */
    private DataFetcherResult<String> broken(DataFetchingEnvironment env) throws InterruptedException {
        brokenStarted.countDown();
        assertTrue(brokenMayEnd.await(10, TimeUnit.SECONDS));
        return DataFetcherResult.<String>newResult()
                .error(GraphqlErrorBuilder.newError(env).message("broken for everyone").build()).build();
    }

    /** One subscriber's results, taken one at a time. */
    private static final class Results implements Subscriber<ExecutionResult> {

        private final LinkedBlockingQueue<ExecutionResult> received = new LinkedBlockingQueue<>();
        private volatile Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(ExecutionResult result) {
            received.add(result);
        }

        @Override
        public void onError(Throwable failure) {
            throw new AssertionError(failure);
        }

        @Override
        public void onComplete() {
        }

        ExecutionResult next() {
            subscription.request(1);
            try {
                var result = received.poll(10, TimeUnit.SECONDS);
                assertNotNull(result, "no result within 10 s");
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
