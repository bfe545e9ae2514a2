package bulkreg.core;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MentorResultTest {

    private static final Optional<ActivityId> ACTIVITY = Optional.of(new ActivityId(10));
    private static final Optional<ItemError> DUPLICATE =
            Optional.of(new ItemError(ItemError.DUPLICATE_ACTIVITY, "Mentor already has it"));

    @Test
    void anItemWithAnActivitySucceeded() {
        var result = MentorResult.derive("m", ACTIVITY, Optional.empty(), false, true, JobStatus.PROCESSING);
        assertEquals(ItemStatus.SUCCESS, result.status());
        assertEquals(ACTIVITY, result.activityId());
        assertEquals(Optional.empty(), result.error());
    }

    @Test
    void anItemWithARecordedFailureFailedWithItsError() {
        var result = MentorResult.derive("m", Optional.empty(), DUPLICATE, false, true, JobStatus.COMPLETED);
        assertEquals(ItemStatus.FAILED, result.status());
        assertEquals(DUPLICATE, result.error());
    }

    @Test
    void aFailureAwaitingRetryIsPendingAgainAndHidesTheOldError() {
        var result = MentorResult.derive("m", Optional.empty(), DUPLICATE, true, true, JobStatus.PROCESSING);
        assertEquals(ItemStatus.PENDING, result.status());
        assertEquals(Optional.empty(), result.error());
    }

    @Test
    void unprocessedItemsArePendingUntilTheJobIsCancelled() {
        assertEquals(ItemStatus.PENDING, MentorResult.derive("m", Optional.empty(), Optional.empty(), false, false,
                JobStatus.PROCESSING).status());
        assertEquals(ItemStatus.CANCELLED, MentorResult.derive("m", Optional.empty(), Optional.empty(), false, false,
                JobStatus.CANCELLED).status());
        assertEquals(ItemStatus.CANCELLED, MentorResult.derive("m", Optional.empty(), DUPLICATE, true, true,
                JobStatus.CANCELLED).status());
    }

    @Test
    void aProcessedItemWithoutOutcomeIsAnInconsistencyNotAPendingItem() {
        assertThrows(IllegalStateException.class, () -> MentorResult.derive("m", Optional.empty(), Optional.empty(),
                false, true, JobStatus.COMPLETED));
    }
}
