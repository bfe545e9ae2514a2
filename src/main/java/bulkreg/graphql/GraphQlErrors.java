package bulkreg.graphql;

import bulkreg.core.BulkRegException;
import bulkreg.core.ConflictException;
import bulkreg.core.IdempotencyKeyReusedException;
import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.NotFoundException;
import bulkreg.core.ShuttingDownException;
import bulkreg.core.UnavailableException;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns failures into GraphQL errors. Invalid input in a mutation becomes the payload's
 * {@code userErrors}; anywhere else an error carries {@code extensions.code}: INVALID_INPUT (with the broken
 * field rules), NOT_FOUND, CONFLICT, UNAVAILABLE, or INTERNAL for anything unexpected, which is logged here
 * once and leaves without details. Core field names (snake_case) are turned into GraphQL names here alone.
 */
final class GraphQlErrors implements DataFetcherExceptionHandler {

    private static final System.Logger LOG = System.getLogger(GraphQlErrors.class.getName());
    static final String INTERNAL_MESSAGE = "The service failed unexpectedly; the failure is logged";
    /** A validator message that points at another field: {@code repeats mentor_ids[0] (m-1); ...}. */
    private static final Pattern REFERENCE = Pattern.compile("^(repeats )([a-z_]+)(\\[\\d+])");
    private static final Pattern SNAKE = Pattern.compile("_([a-z0-9])");
    /** Core names whose GraphQL argument is named differently, not just camelCased. */
    private static final Map<String, String> RENAMED = Map.of("limit", "first");

    /** The GraphQL name of a core field: {@code mentor_ids[3]} -> {@code mentorIds[3]}, {@code limit} -> {@code first}. */
    static String fieldName(String coreField) {
        int index = coreField.indexOf('[');
        var name = index < 0 ? coreField : coreField.substring(0, index);
        var suffix = index < 0 ? "" : coreField.substring(index);
        var renamed = RENAMED.get(name);
        if (renamed != null) {
            return renamed + suffix;
        }
        return SNAKE.matcher(name).replaceAll(m -> m.group(1).toUpperCase()) + suffix;
    }

    static UserError userError(FieldError e) {
        var reference = REFERENCE.matcher(e.message());
        var message = reference.find()
                ? reference.replaceFirst(Matcher.quoteReplacement(
                reference.group(1) + fieldName(reference.group(2)) + reference.group(3)))
                : e.message();
        return new UserError(fieldName(e.field()), e.code(), message);
    }

    static List<UserError> userErrors(InvalidInputException e) {
        return e.errors().stream().map(GraphQlErrors::userError).toList();
    }

    /**
     * Runs a mutation: its result through {@code done}, or, when the input breaks a rule, the broken rules
     * through {@code invalid}. Every other failure goes on to {@link #handleException} as a field error.
     */
    static <T, P> P payload(Supplier<T> action, Function<T, P> done, Function<List<UserError>, P> invalid) {
        T result;
        try {
            result = action.get();
        } catch (InvalidInputException e) {
            return invalid.apply(userErrors(e));
        }
        return done.apply(result);
    }

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters params) {
        var error = GraphqlErrorBuilder.newError()
                .path(params.getPath())
                .location(params.getSourceLocation());
        describe(error, unwrap(params.getException()), "field " + params.getPath());
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error.build()).build());
    }

    /** An error that ended a subscription's stream, for the {@code error} message of its operation. */
    GraphQLError streamError(Throwable failure, String operation) {
        var error = GraphqlErrorBuilder.newError();
        describe(error, unwrap(failure), "subscription " + operation);
        return error.build();
    }

    /** An error of the request itself (it does not parse, or asks for something this transport lacks). */
    static GraphQLError requestError(String code, String message) {
        return GraphqlErrorBuilder.newError().message("%s", message).errorType(ErrorType.ValidationError)
                .extensions(Map.of("code", code)).build();
    }

    /** Logs a failure outside any operation (a transport's own bug) once; the caller answers generically. */
    static void unexpected(String where, Throwable failure) {
        LOG.log(Level.ERROR, "Unexpected failure in " + where, failure);
    }

    private static void describe(GraphqlErrorBuilder<?> error, Throwable failure, String where) {
        switch (failure) {
            case BulkRegException core -> core(error, core);
            case ShuttingDownException stopping -> error.message("%s", stopping.getMessage())
                    .extensions(Map.of("code", "UNAVAILABLE"));
            default -> {
                unexpected(where, failure);
                error.message("%s", INTERNAL_MESSAGE).extensions(Map.of("code", "INTERNAL"));
            }
        }
    }

    private static void core(GraphqlErrorBuilder<?> error, BulkRegException e) {
        switch (e) {
            case InvalidInputException invalid -> {
                var fields = userErrors(invalid);
                var first = fields.getFirst();
                var message = fields.size() == 1 ? first.field() + " " + first.message()
                        : fields.size() + " fields are invalid; the first: " + first.field() + " " + first.message();
                var extensions = new LinkedHashMap<String, Object>();
                extensions.put("code", invalid.code());
                extensions.put("fieldErrors", fields.stream().map(f -> Map.of("field", f.field(), "code", f.code(),
                        "message", f.message())).toList());
                error.message("%s", message).errorType(ErrorType.ValidationError).extensions(extensions);
            }
            case NotFoundException notFound -> error.message("%s", notFound.getMessage())
                    .errorType(ErrorType.DataFetchingException).extensions(Map.of("code", notFound.code()));
            case ConflictException conflict -> error.message("%s", conflict.getMessage())
                    .errorType(ErrorType.DataFetchingException).extensions(Map.of("code", conflict.code()));
            case UnavailableException unavailable -> error.message("%s", unavailable.getMessage())
                    .errorType(ErrorType.DataFetchingException).extensions(Map.of("code", unavailable.code()));
            case IdempotencyKeyReusedException reused -> error.message("%s", reused.getMessage())
                    .errorType(ErrorType.ValidationError).extensions(Map.of("code", reused.code()));
        }
    }

    private static Throwable unwrap(Throwable e) {
        var cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
