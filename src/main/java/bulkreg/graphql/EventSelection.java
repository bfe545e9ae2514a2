package bulkreg.graphql;

import bulkreg.core.JobEvent;
import graphql.execution.ExecutionContext;

import java.util.Map;

/**
 * What a subscription event's payload depends on: the document, the operation run, its variables and the
 * committed event (by sequence, which numbers each one uniquely). The event fields read nothing else: not
 * the connection, not the operation id, not the moment (changed results are one reading per event, see
 * {@code BulkRegistrationService.changedResults}). Should a field ever depend on the caller (authorization,
 * masking), the caller belongs in this key, or one subscriber's payload would reach another.
 */
record EventSelection(String document, String operationName, Map<String, Object> variables, long sequence) {

    /** The characters it holds, roughly: a kept result keeps its key too, and a document may be long. */
    long weight() {
        return document.length() + (operationName == null ? 0 : operationName.length())
                + String.valueOf(variables).length();
    }

    static EventSelection of(ExecutionContext context, JobEvent event) {
        return new EventSelection(context.getExecutionInput().getQuery(),
                context.getExecutionInput().getOperationName(), context.getCoercedVariables().toMap(),
                event.sequence());
    }
}
