package bulkreg.graphql;

import graphql.GraphQLError;

import java.util.List;

/** One execution of a subscription's selection over one event: the completed value, rendered, and its errors. */
record EventResult(RenderedJson value, List<GraphQLError> errors) {

    EventResult {
        errors = List.copyOf(errors);
    }

    /** The characters it holds, to bound what the recent results keep. */
    long weight() {
        return value.json().length();
    }
}
