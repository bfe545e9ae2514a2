package bulkreg.graphql;

import bulkreg.core.RecentCache;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated documents by their text: clients send the same few queries again and again, and
 * parsing and validating one costs more than running it. Validation does not depend on variables (the depth
 * and complexity limits, which do, run per request as instrumentation). Only documents up to
 * {@link #MAX_CACHED_CHARS} are kept, so the 512 entries hold a few MB at most.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    private static final int MAX_CACHED_CHARS = 8 * 1024;

    private final RecentCache<String, PreparsedDocumentEntry> documents = new RecentCache<>(512);

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        var query = input.getQuery();
        if (query.length() > MAX_CACHED_CHARS) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        return CompletableFuture.completedFuture(documents.computeIfAbsent(query, q -> parseAndValidate.apply(input)));
    }
}
