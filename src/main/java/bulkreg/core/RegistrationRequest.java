package bulkreg.core;

import java.util.List;

/**
 * A create request as a front received it, before validation. Any field may be null (absent on the wire);
 * {@link RegistrationValidator} turns it into a {@link Registration} or says precisely what is wrong.
 */
public record RegistrationRequest(String coordinatorId, List<String> mentorIds, String activityType,
                                  String activityDate, Integer durationMinutes, String notes,
                                  Boolean overrideDuplicates) {
}
