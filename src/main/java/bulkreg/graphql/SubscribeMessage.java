package bulkreg.graphql;

import java.util.Map;
import java.util.Optional;

/** A {@code subscribe} message's id and request; anything else in it is malformed (close 4400). */
record SubscribeMessage(String id, GraphQlRequest request) {

    @SuppressWarnings("unchecked")
    static Optional<SubscribeMessage> read(Map<String, Object> message) {
        if (!(message.get("id") instanceof String id) || id.isEmpty()
                || !(message.get("payload") instanceof Map<?, ?> payload)
                || !(payload.get("query") instanceof String query)) {
            return Optional.empty();
        }
        var operationName = payload.get("operationName");
        var variables = payload.get("variables");
        var extensions = payload.get("extensions");
        if (!isNullOr(operationName, String.class) || !isNullOr(variables, Map.class)
                || !isNullOr(extensions, Map.class)) {
            return Optional.empty();
        }
        return Optional.of(new SubscribeMessage(id, new GraphQlRequest(query, (String) operationName,
                (Map<String, Object>) variables, (Map<String, Object>) extensions)));
    }

    private static boolean isNullOr(Object value, Class<?> type) {
        return value == null || type.isInstance(value);
    }
}
