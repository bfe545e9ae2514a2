package bulkreg.graphql;

import bulkreg.core.RecentCache;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;

import java.util.Map;
import java.util.Objects;

/**
 * Finds which kind of operation a request would run, before running it: GET must refuse a mutation
 * without executing it, and each transport runs only what it can carry. Parsed documents are kept by their
 * text (up to 8 KiB, 512 of them), as {@link DocumentCache} keeps validated ones: clients repeat their
 * queries, and parsing one costs more than the rest of a small request. Thread-safe.
 */
final class Operations {

    private static final int MAX_CACHED_CHARS = 8 * 1024;

    private final RecentCache<String, Document> parsed = new RecentCache<>(512);

    /** The kind of the operation the request selects; a document that does not parse or selects none is refused. */
    OperationDefinition.Operation kind(GraphQlRequest request) {
        var query = request.query();
        var document = query.length() > MAX_CACHED_CHARS ? parse(query) : parsed.computeIfAbsent(query,
                Operations::parse);
        var operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (request.operationName() == null) {
            if (operations.size() == 1) {
                return operations.getFirst().getOperation();
            }
            throw RequestProblem.of(400, "OPERATION_NOT_SELECTED", operations.isEmpty()
                    ? "The document holds no operation"
                    : "The document holds " + operations.size() + " operations; name the one to run in operationName");
        }
        return operations.stream().filter(o -> Objects.equals(o.getName(), request.operationName())).findFirst()
                .map(OperationDefinition::getOperation)
                .orElseThrow(() -> RequestProblem.of(400, "OPERATION_NOT_SELECTED",
                        "The document holds no operation named '" + request.operationName() + "'"));
    }

    private static Document parse(String query) {
        try {
            return Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
        } catch (InvalidSyntaxException e) {
            var syntax = e.toInvalidSyntaxError();
            throw RequestProblem.syntax(GraphqlErrorBuilder.newError().message("%s", syntax.getMessage())
                    .locations(syntax.getLocations()).errorType(syntax.getErrorType())
                    .extensions(Map.of("code", "GRAPHQL_PARSE_FAILED")).build());
        }
    }
}
