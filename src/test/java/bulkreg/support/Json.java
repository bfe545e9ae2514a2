package bulkreg.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Small readers for JSON answers. */
public final class Json {

    private Json() {
    }

    /** The object's field names, in the order they were sent. */
    public static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The elements of an array. */
    public static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The results of a job detail with the given item status. */
    public static List<JsonNode> resultsWithStatus(JsonNode job, String status) {
        return elements(job.get("results")).stream().filter(r -> status.equals(r.get("status").asText())).toList();
    }
}
