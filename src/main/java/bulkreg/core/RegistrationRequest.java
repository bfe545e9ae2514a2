package bulkreg.core;

import java.util.List;

/**
 * A create request as a front received it, before validation. Any field may be null (absent on the wire);
 * {@link RegistrationValidator} turns it into a {@link Registration} or says precisely what is wrong.
 *
 * @param wireErrors what the front already found wrong with fields it could not read (a string where a number
 *                   belongs, say); those fields arrive as null and are reported with these errors, together
 *                   with every rule the other fields break
 */
public record RegistrationRequest(String coordinatorId, List<String> mentorIds, String activityType,
                                  String activityDate, Integer durationMinutes, String notes,
                                  Boolean overrideDuplicates, List<FieldError> wireErrors) {

    public RegistrationRequest {
        wireErrors = List.copyOf(wireErrors);
    }

    public RegistrationRequest(String coordinatorId, List<String> mentorIds, String activityType,
                               String activityDate, Integer durationMinutes, String notes,
                               Boolean overrideDuplicates) {
        this(coordinatorId, mentorIds, activityType, activityDate, durationMinutes, notes, overrideDuplicates,
                List.of());
    }
}
