package bulkreg.graphql;

import bulkreg.core.JobEvent;
import bulkreg.core.JobEventKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.FieldValueInfo;
import graphql.execution.SubscriptionExecutionStrategy;

import java.util.Optional;

/**
 * graphql-java's subscription strategy, executing each event's selection once for all the subscribers that
 * share a document, operation and variables ({@link EventSelection}): a thousand watchers of a job cost one
 * execution and one rendering per event, not a thousand. Each subscriber still has its own stream, pace,
 * conflation and operation id; only the payload is shared.
 *
 * <p>The hook: graphql-java turns each event into its result by completing the subscribed field with the
 * event as its value, through {@link #completeField(ExecutionContext, ExecutionStrategyParameters, Object)}
 * (which 26.x calls for nothing else). Errors of an execution are kept by graphql-java per event in the
 * parameters' call context; a subscriber given a shared result gets its errors added there, so its payload
 * carries them as its own execution would have. A result is shared only if its execution completed at once
 * (every event field is synchronous), so those waiting for it never wait on a later dispatch.
 */
final class SharedSubscriptionStrategy extends SubscriptionExecutionStrategy {

    private final ObjectMapper json;
    private final SubscriptionGauge gauge;
    private final RecentEventResults recent = new RecentEventResults();

    SharedSubscriptionStrategy(DataFetcherExceptionHandler errors, ObjectMapper json, SubscriptionGauge gauge) {
        super(errors);
        this.json = json;
        this.gauge = gauge;
    }

    @Override
    protected FieldValueInfo completeField(ExecutionContext context, ExecutionStrategyParameters parameters,
                                           Object fetched) {
        // a snapshot is taken for one subscriber and shares its sequence with the event before it
        if (!(FetchedValue.getFetchedValue(fetched) instanceof JobEvent event) || parameters.getPath().getLevel() != 1
                || event.kind() == JobEventKind.SNAPSHOT) {
            return execute(context, parameters, fetched);
        }
        var claim = recent.claim(EventSelection.of(context, event));
        if (!claim.first()) {
            return claim.await().map(result -> shared(result, parameters))
                    .orElseGet(() -> execute(context, parameters, fetched));
        }
        Optional<EventResult> result = Optional.empty();
        try {
            var own = execute(context, parameters, fetched);
            result = shareable(own, parameters);
            return result.map(r -> new FieldValueInfo(own.getCompleteValueType(), r.value())).orElse(own);
        } finally {
            recent.settle(claim, result);
        }
    }

    private FieldValueInfo execute(ExecutionContext context, ExecutionStrategyParameters parameters, Object fetched) {
        gauge.countExecuted();
        return super.completeField(context, parameters, fetched);
    }

    private FieldValueInfo shared(EventResult result, ExecutionStrategyParameters parameters) {
        gauge.countShared();
        parameters.getAlternativeCallContext().addErrors(result.errors());
        return new FieldValueInfo(FieldValueInfo.CompleteValueType.OBJECT, result.value());
    }

    /** The execution's object rendered, with its errors; empty when it has not completed yet or is null. */
    private Optional<EventResult> shareable(FieldValueInfo own, ExecutionStrategyParameters parameters) {
        var value = own.getFieldValueFuture();
        if (!value.isDone() || value.isCompletedExceptionally() || value.join() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EventResult(new RenderedJson(json.writeValueAsString(value.join())),
                    parameters.getAlternativeCallContext().getErrors()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
