package bulkreg.graphql;

import graphql.GraphQLError;

/**
 * A request that cannot be executed at all: it does not parse, names no operation, is too large, or asks a
 * transport for what it does not do. Carries the HTTP status it answers with and the error to report.
 */
final class RequestProblem extends RuntimeException {

    private final int status;
    private final GraphQLError error;

    private RequestProblem(int status, GraphQLError error) {
        super(error.getMessage(), null, false, false);
        this.status = status;
        this.error = error;
    }

    static RequestProblem of(int status, String code, String message) {
        return new RequestProblem(status, GraphQlErrors.requestError(code, message));
    }

    static RequestProblem syntax(GraphQLError error) {
        return new RequestProblem(400, error);
    }

    int status() {
        return status;
    }

    GraphQLError error() {
        return error;
    }
}
