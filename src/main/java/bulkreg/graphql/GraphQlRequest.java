package bulkreg.graphql;

import java.util.Map;

/** One GraphQL request as either transport received it: the document, the operation to run, its variables. */
record GraphQlRequest(String query, String operationName, Map<String, Object> variables,
                      Map<String, Object> extensions) {

    GraphQlRequest {
        variables = variables == null ? Map.of() : variables;
        extensions = extensions == null ? Map.of() : extensions;
    }
}
