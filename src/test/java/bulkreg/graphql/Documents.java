package bulkreg.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The GraphQL documents and variables the tests send, in the domain's language. */
final class Documents {

    static final String JOB_FIELDS = """
            id coordinatorId activityType activityDate durationMinutes notes overrideDuplicates mentorIds
            mentorCount status successCount failureCount retryCount createdAt updatedAt completedAt
            progress { processed total percent }""";

    static final String CREATE = """
            mutation Create($input: CreateBulkRegistrationInput!) {
              createBulkRegistration(input: $input) {
                bulkRegistration { %s }
                userErrors { field code message }
              }
            }""".formatted(JOB_FIELDS);

    static final String JOB = """
            query Job($id: ID!, $first: Int, $after: String, $status: MentorResultStatus) {
              bulkRegistration(id: $id) {
                %s
                results(first: $first, after: $after, status: $status) {
                  totalCount
                  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                  edges { cursor node { position mentorId status activityId error { code message } } }
                }
              }
            }""".formatted(JOB_FIELDS);

    static final String PROGRESS = """
            subscription Progress($id: ID!) {
              bulkRegistrationProgress(id: $id) {
                sequence kind bulkRegistrationId coordinatorId status successCount failureCount mentorCount
                progress { processed total percent }
                changedResults { position mentorId status activityId }
                occurredAt
              }
            }""";

    private Documents() {
    }

    /** A group workshop on 2026-03-28 for the given mentors, as the create mutation's input. */
    static Map<String, Object> workshop(String coordinator, List<String> mentors) {
        var input = new LinkedHashMap<String, Object>();
        input.put("coordinatorId", coordinator);
        input.put("mentorIds", mentors);
        input.put("activityType", "group_workshop");
        input.put("activityDate", "2026-03-28");
        input.put("durationMinutes", 120);
        input.put("notes", "Spring semester kick-off workshop");
        input.put("overrideDuplicates", false);
        return input;
    }

    static Map<String, Object> input(Map<String, Object> input) {
        return Map.of("input", input);
    }
}
