package bulkreg.rest;

import bulkreg.core.FieldError;
import bulkreg.core.InvalidInputException;
import bulkreg.core.RegistrationRequest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads request bodies strictly: JSON only, an object, no unknown or repeated fields, each field of its JSON
 * type. What the values must satisfy is the core's business ({@code RegistrationValidator}).
 */
final class RequestReader {

    private static final Set<String> CREATE_FIELDS = Set.of("coordinator_id", "mentor_ids", "activity_type",
            "activity_date", "duration_minutes", "notes", "override_duplicates");
    private static final String EMPTY_BODY = "The body is empty; send a JSON object";
    private static final Set<String> ACTION_FIELDS = Set.of("action", "override_duplicates");

    private final ObjectMapper json;

    RequestReader(ObjectMapper json) {
        this.json = json;
    }

    RegistrationRequest create(ServerRequest req) {
        var body = object(req, CREATE_FIELDS);
        var errors = new ArrayList<FieldError>();
        // Type errors travel with the request, so the core reports them together with every broken rule.
        return new RegistrationRequest(string(body, "coordinator_id", errors), strings(body, errors),
                string(body, "activity_type", errors), string(body, "activity_date", errors),
                integer(body, "duration_minutes", errors), string(body, "notes", errors),
                bool(body, "override_duplicates", errors), errors);
    }

    /** The PUT body: an action and its option. */
    record Action(String action, Boolean overrideDuplicates) {
    }

    Action action(ServerRequest req) {
        var body = object(req, ACTION_FIELDS);
        var errors = new ArrayList<FieldError>();
        var action = new Action(string(body, "action", errors), bool(body, "override_duplicates", errors));
        throwIfAny(errors);
        return action;
    }

    private ObjectNode object(ServerRequest req, Set<String> allowed) {
        requireJson(req);
        if (!req.content().hasEntity()) {
            throw RequestProblem.malformed(EMPTY_BODY);
        }
        JsonNode node;
        try (var parser = json.createParser(body(req))) {
            node = json.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                // readTree stops after the first value; anything after it would otherwise be ignored
                throw RequestProblem.malformed(
                        "The body is not valid JSON: it goes on after the first value; send one JSON object");
            }
        } catch (JacksonException e) {
            throw RequestProblem.malformed("The body is not valid JSON: " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw RequestProblem.malformed(EMPTY_BODY);
        }
        if (!(node instanceof ObjectNode object)) {
            throw RequestProblem.malformed("The body must be a JSON object, not " + kind(node));
        }
        var unknown = object.properties().stream().map(e -> e.getKey()).filter(k -> !allowed.contains(k))
                .limit(InvalidInputException.MAX_REPORTED + 1).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown.stream().map(k -> new FieldError(k, "UNKNOWN_FIELD",
                    "is not a field of this request; known fields: " + String.join(", ", allowed.stream()
                            .sorted().toList()))).toList());
        }
        return object;
    }

    /** The whole body; a body the client cut short or framed wrongly is the client's mistake, not ours. */
    private static byte[] body(ServerRequest req) {
        try {
            return req.content().as(byte[].class);
        } catch (RuntimeException e) {
            throw RequestProblem.malformed("The body could not be read: it ended before its declared length or "
                    + "its chunked encoding is broken");
        }
    }

    /** Jackson's messages end with hints naming its own classes and settings; clients need only the fault. */
    private static String plain(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\([^()]*`[^()]*\\)", "")
                .replaceAll("\\s*\\((?:use|enable|disable)[^()]*\\)", "").strip();
    }

    private static void requireJson(ServerRequest req) {
        var type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        var mediaType = type.split(";", 2)[0].trim().toLowerCase();
        if (!mediaType.equals("application/json")) {
            throw RequestProblem.unsupportedMediaType("Send the body as application/json"
                    + (type.isEmpty() ? " (no Content-Type was given)" : ", not " + type));
        }
    }

    private static String string(ObjectNode body, String field, List<FieldError> errors) {
        var node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(typeError(field, "a string", node));
            return null;
        }
        return node.textValue();
    }

    private static List<String> strings(ObjectNode body, List<FieldError> errors) {
        var node = body.get("mentor_ids");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(typeError("mentor_ids", "an array of strings", node));
            return null;
        }
        var ids = new ArrayList<String>(node.size());
        for (int i = 0; i < node.size(); i++) {
            var item = node.get(i);
            if (item.isTextual()) {
                ids.add(item.textValue());
            } else {
                if (!item.isNull() && errors.size() <= InvalidInputException.MAX_REPORTED) {
                    errors.add(typeError("mentor_ids[" + i + "]", "a string", item));
                }
                ids.add(null); // keeps the positions of the ids after it
            }
        }
        return ids;
    }

    private static Integer integer(ObjectNode body, String field, List<FieldError> errors) {
        var node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            errors.add(typeError(field, "a whole number", node));
            return null;
        }
        if (!node.canConvertToInt()) {
            // Beyond int: clamp, so the core reports its own range rule and message.
            return node.bigIntegerValue().signum() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        }
        return node.intValue();
    }

    private static Boolean bool(ObjectNode body, String field, List<FieldError> errors) {
        var node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            errors.add(typeError(field, "true or false", node));
            return null;
        }
        return node.booleanValue();
    }

    private static FieldError typeError(String field, String expected, JsonNode actual) {
        return new FieldError(field, "INVALID_TYPE", "must be " + expected + ", not " + kind(actual));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "a whole number" : "a number with a fraction or exponent";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
