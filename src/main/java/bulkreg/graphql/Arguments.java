package bulkreg.graphql;

import graphql.schema.DataFetchingEnvironment;

/** Reading arguments whose schema default a client may override with an explicit null. */
final class Arguments {

    private Arguments() {
    }

    /** A connection's {@code first}; the core checks its bounds. */
    static int first(DataFetchingEnvironment env, int fallback) {
        Integer first = env.getArgument("first");
        return first == null ? fallback : first;
    }
}
