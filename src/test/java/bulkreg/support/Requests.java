package bulkreg.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Request bodies in the domain's language. Each returns a fresh mutable map, to tweak per test. */
public final class Requests {

    private Requests() {
    }

    /** A group workshop on 2026-03-28 for {@code count} mentors named {@code prefix-1 ... prefix-N}. */
    public static Map<String, Object> workshopFor(String prefix, int count) {
        return workshopFor(mentors(prefix, count));
    }

    public static Map<String, Object> workshopFor(List<String> mentorIds) {
        var body = new LinkedHashMap<String, Object>();
        body.put("coordinator_id", "coord-42");
        body.put("mentor_ids", mentorIds);
        body.put("activity_type", "group_workshop");
        body.put("activity_date", "2026-03-28");
        body.put("duration_minutes", 120);
        body.put("notes", "Spring semester kick-off workshop");
        body.put("override_duplicates", false);
        return body;
    }

    public static List<String> mentors(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    public static Map<String, Object> retryFailed(boolean overrideDuplicates) {
        var body = new LinkedHashMap<String, Object>();
        body.put("action", "retry_failed");
        body.put("override_duplicates", overrideDuplicates);
        return body;
    }
}
