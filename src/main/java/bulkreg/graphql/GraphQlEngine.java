package bulkreg.graphql;

import bulkreg.core.BulkRegistrationService;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLFieldDefinition;

import java.util.List;
import java.util.Map;

/**
 * graphql-java set up once for both transports: the schema, the depth and complexity limits, the one error
 * handler, subscription events kept in order and each executed once for all who share its selection, parsed
 * documents kept, and fresh DataLoaders per operation.
 */
final class GraphQlEngine {

    private final GraphQL graphQl;
    private final BulkRegistrationService service;
    private final Operations operations = new Operations();

    /**
     * @param json          renders subscription payloads shared by several subscribers
     * @param subscriptions counts how event payloads were made
     */
    GraphQlEngine(BulkRegistrationService service, GraphQlLimits limits, ObjectMapper json,
                  SubscriptionGauge subscriptions) {
        this.service = service;
        var errors = new GraphQlErrors();
        this.graphQl = GraphQL.newGraphQL(GraphQlSchema.build(service))
                .instrumentation(new ChainedInstrumentation(List.of(depthLimit(limits.maxDepth()),
                        complexityLimit(limits.maxComplexity()))))
                .queryExecutionStrategy(new AsyncExecutionStrategy(errors))
                .mutationExecutionStrategy(new AsyncSerialExecutionStrategy(errors))
                .subscriptionExecutionStrategy(new SharedSubscriptionStrategy(errors, json, subscriptions))
                .preparsedDocumentProvider(new DocumentCache())
                .build();
    }

    /** The kind of operation the request would run (see {@link Operations}). */
    OperationDefinition.Operation kind(GraphQlRequest request) {
        return operations.kind(request);
    }

    /** Runs one operation; a subscription's data is a {@code Publisher<ExecutionResult>}. */
    ExecutionResult execute(GraphQlRequest request) {
        var input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .extensions(request.extensions())
                .dataLoaderRegistry(Loaders.registry(service))
                .graphQLContext(Map.of(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true))
                .build();
        return graphQl.execute(input);
    }

    private static MaxQueryDepthInstrumentation depthLimit(int max) {
        return new MaxQueryDepthInstrumentation(max) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return new AbortExecutionException("The query is " + depth + " levels deep; at most " + maxDepth
                        + " are allowed");
            }
        };
    }

    /** The {@code first} a paged field was given, else its schema default; 1 for other fields. */
    private static int pageSize(Object given, GraphQLFieldDefinition field) {
        if (given instanceof Integer n) {
            return n;
        }
        var argument = field.getArgument("first");
        if (argument == null || !argument.hasSetDefaultValue()) {
            return 1;
        }
        return switch (argument.getArgumentDefaultValue().getValue()) {
            case Integer n -> n;
            case IntValue literal -> literal.getValue().intValue();
            case null, default -> 1;
        };
    }

    /**
     * Each field counts 1 plus its selections; a connection or list that takes {@code first} counts its
     * selections that many times, so a page of pages is priced by what it can return.
     */
    private static MaxQueryComplexityInstrumentation complexityLimit(int max) {
        FieldComplexityCalculator calculator = (env, children) -> {
            int times = Math.max(1, pageSize(env.getArguments().get("first"), env.getFieldDefinition()));
            return 1 + (int) Math.min(Integer.MAX_VALUE / 2, (long) children * times);
        };
        return new MaxQueryComplexityInstrumentation(max, calculator) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return new AbortExecutionException("The query's complexity is " + complexity + "; at most "
                        + maxComplexity + " is allowed (each list field counts its selections 'first' times:"
                        + " ask for smaller pages or fewer fields)");
            }
        };
    }
}
