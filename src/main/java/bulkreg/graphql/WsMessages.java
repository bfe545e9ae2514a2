package bulkreg.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQLError;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The graphql-transport-ws messages, read and written as JSON. */
final class WsMessages {

    private final ObjectMapper json;

    WsMessages(ObjectMapper json) {
        this.json = json;
    }

    /** A message as a map whose {@code type} is a string; empty for anything else (malformed: close 4400). */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> read(String text) {
        try {
            var value = json.readValue(text, Object.class);
            if (value instanceof Map<?, ?> map && map.get("type") instanceof String) {
                return Optional.of((Map<String, Object>) map);
            }
        } catch (JsonProcessingException e) {
            // malformed: reported by the caller
        }
        return Optional.empty();
    }

    String connectionAck() {
        return write(Map.of("type", "connection_ack"));
    }

    String ping() {
        return write(Map.of("type", "ping"));
    }

    String pong() {
        return write(Map.of("type", "pong"));
    }

    String next(String id, Map<String, Object> result) {
        return write(message(id, "next", result));
    }

    String error(String id, List<GraphQLError> errors) {
        return write(message(id, "error", errors.stream().map(GraphQLError::toSpecification).toList()));
    }

    String complete(String id) {
        return write(message(id, "complete", null));
    }

    private static Map<String, Object> message(String id, String type, Object payload) {
        var message = new LinkedHashMap<String, Object>();
        message.put("id", id);
        message.put("type", type);
        if (payload != null) {
            message.put("payload", payload);
        }
        return message;
    }

    private String write(Map<String, Object> message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
