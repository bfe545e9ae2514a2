package bulkreg.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A validated create request: every field obeys the rules of {@link RegistrationValidator}. */
public record Registration(String coordinatorId, List<String> mentorIds, String activityType,
                           LocalDate activityDate, int durationMinutes, Optional<String> notes,
                           boolean overrideDuplicates) {

    public Registration {
        mentorIds = List.copyOf(mentorIds);
    }
}
