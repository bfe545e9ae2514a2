package bulkreg.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistrationValidatorTest {

    private static final String ID_RULE = "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'";
    private static final String TYPE_RULE = "must be 1-64 characters of a-z, 0-9 or '_'";

    private final RegistrationValidator validator = new RegistrationValidator(new Limits(10_000));

    // --- fixtures in the domain's language ---

    private static RegistrationRequest workshop() {
        return new RegistrationRequest("coord-42", List.of("mentor-17", "mentor-18", "mentor-19"),
                "group_workshop", "2026-03-28", 120, "Spring semester kick-off workshop", false);
    }

    private static RegistrationRequest withCoordinator(String id) {
        var w = workshop();
        return new RegistrationRequest(id, w.mentorIds(), w.activityType(), w.activityDate(), w.durationMinutes(),
                w.notes(), w.overrideDuplicates());
    }

    private static RegistrationRequest withMentors(List<String> ids) {
        var w = workshop();
        return new RegistrationRequest(w.coordinatorId(), ids, w.activityType(), w.activityDate(),
                w.durationMinutes(), w.notes(), w.overrideDuplicates());
    }

    private static RegistrationRequest withActivityType(String type) {
        var w = workshop();
        return new RegistrationRequest(w.coordinatorId(), w.mentorIds(), type, w.activityDate(), w.durationMinutes(),
                w.notes(), w.overrideDuplicates());
    }

    private static RegistrationRequest withDate(String date) {
        var w = workshop();
        return new RegistrationRequest(w.coordinatorId(), w.mentorIds(), w.activityType(), date, w.durationMinutes(),
                w.notes(), w.overrideDuplicates());
    }

    private static RegistrationRequest withDuration(Integer minutes) {
        var w = workshop();
        return new RegistrationRequest(w.coordinatorId(), w.mentorIds(), w.activityType(), w.activityDate(), minutes,
                w.notes(), w.overrideDuplicates());
    }

    private static RegistrationRequest withNotes(String notes) {
        var w = workshop();
        return new RegistrationRequest(w.coordinatorId(), w.mentorIds(), w.activityType(), w.activityDate(),
                w.durationMinutes(), notes, w.overrideDuplicates());
    }

    private static RegistrationRequest withOverride(Boolean override) {
        var w = workshop();
        return new RegistrationRequest(w.coordinatorId(), w.mentorIds(), w.activityType(), w.activityDate(),
                w.durationMinutes(), w.notes(), override);
    }

    private static List<String> mentors(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "mentor-" + i).toList();
    }

    private static List<String> replaced(List<String> ids, int index, String value) {
        var copy = new ArrayList<>(ids);
        copy.set(index, value);
        return copy;
    }

    private List<FieldError> refused(RegistrationRequest request) {
        var e = assertThrows(InvalidInputException.class, () -> validator.validate(request));
        assertFalse(e.errors().isEmpty());
        return e.errors();
    }

    private FieldError refusedOnce(RegistrationRequest request) {
        var errors = refused(request);
        assertEquals(1, errors.size(), errors::toString);
        return errors.getFirst();
    }

    // --- a valid request ---

    @Test
    void aValidRequestBecomesARegistrationWithItsValues() {
        var r = validator.validate(workshop());

        assertEquals("coord-42", r.coordinatorId());
        assertEquals(List.of("mentor-17", "mentor-18", "mentor-19"), r.mentorIds());
        assertEquals("group_workshop", r.activityType());
        assertEquals(LocalDate.of(2026, 3, 28), r.activityDate());
        assertEquals(120, r.durationMinutes());
        assertEquals(Optional.of("Spring semester kick-off workshop"), r.notes());
        assertFalse(r.overrideDuplicates());
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        var r = validator.validate(withOverride(null));
        assertFalse(r.overrideDuplicates());

        var noNotes = validator.validate(withNotes(null));
        assertEquals(Optional.empty(), noNotes.notes());
        assertTrue(validator.validate(withOverride(true)).overrideDuplicates());
    }

    // --- coordinator_id ---

    @Test
    void aMissingCoordinatorIsRequired() {
        assertEquals(new FieldError("coordinator_id", "REQUIRED", "is required"), refusedOnce(withCoordinator(null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "coord 42", "coord/42", "coörd", "coord-42\n", "coord@42", "c;drop"})
    void aCoordinatorIdOutsideTheIdAlphabetIsRefused(String id) {
        assertEquals(new FieldError("coordinator_id", "INVALID_FORMAT", ID_RULE), refusedOnce(withCoordinator(id)));
    }

    @Test
    void aCoordinatorIdMayBe1To64Characters() {
        assertEquals("c", validator.validate(withCoordinator("c")).coordinatorId());
        var longest = "A.b_-9".repeat(10) + "abcd";
        assertEquals(64, longest.length());
        assertEquals(longest, validator.validate(withCoordinator(longest)).coordinatorId());
        assertEquals("coordinator_id", refusedOnce(withCoordinator(longest + "e")).field());
    }

    // --- mentor_ids ---

    @Test
    void missingMentorsAreRequired() {
        assertEquals(new FieldError("mentor_ids", "REQUIRED", "is required"), refusedOnce(withMentors(null)));
    }

    @Test
    void anEmptyMentorListIsOutOfRange() {
        assertEquals(new FieldError("mentor_ids", "OUT_OF_RANGE", "must list between 1 and 10000 mentors (got 0)"),
                refusedOnce(withMentors(List.of())));
    }

    @Test
    void tenThousandMentorsAreAcceptedAndOneMoreIsTooMany() {
        assertEquals(10_000, validator.validate(withMentors(mentors(10_000))).mentorIds().size());
        assertEquals(new FieldError("mentor_ids", "TOO_MANY", "must list between 1 and 10000 mentors (got 10001)"),
                refusedOnce(withMentors(mentors(10_001))));
    }

    @Test
    void theMentorLimitComesFromTheLimits() {
        var small = new RegistrationValidator(new Limits(2));
        small.validate(withMentors(mentors(2)));
        var e = assertThrows(InvalidInputException.class, () -> small.validate(withMentors(mentors(3))));
        assertEquals(List.of(new FieldError("mentor_ids", "TOO_MANY", "must list between 1 and 2 mentors (got 3)")),
                e.errors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mentor 4", "mentör", "m/4", "m+4", "mentor-4\t"})
    void aMentorIdOutsideTheIdAlphabetIsNamedByItsPosition(String bad) {
        assertEquals(new FieldError("mentor_ids[3]", "INVALID_FORMAT", ID_RULE),
                refusedOnce(withMentors(replaced(mentors(5), 3, bad))));
    }

    @Test
    void aMentorIdMayBe1To64Characters() {
        var longest = "m".repeat(64);
        validator.validate(withMentors(List.of("m", longest)));
        assertEquals(new FieldError("mentor_ids[1]", "INVALID_FORMAT", ID_RULE),
                refusedOnce(withMentors(List.of("m", longest + "m"))));
    }

    @Test
    void aNullMentorIdIsRequiredAtItsPosition() {
        assertEquals(new FieldError("mentor_ids[2]", "REQUIRED", "is required"),
                refusedOnce(withMentors(Arrays.asList("a", "b", null))));
    }

    @Test
    void aRepeatedMentorIsReportedAtTheRepeatAndNamesTheFirstPosition() {
        var error = refusedOnce(withMentors(List.of("a", "b", "c", "b")));
        assertEquals(new FieldError("mentor_ids[3]", "DUPLICATE", "repeats mentor_ids[1] (b); list each mentor once"),
                error);
    }

    @Test
    void everyRepeatOfAMentorIsReportedAgainstItsFirstPosition() {
        var errors = refused(withMentors(List.of("a", "b", "a", "a")));
        assertEquals(List.of(
                new FieldError("mentor_ids[2]", "DUPLICATE", "repeats mentor_ids[0] (a); list each mentor once"),
                new FieldError("mentor_ids[3]", "DUPLICATE", "repeats mentor_ids[0] (a); list each mentor once")),
                errors);
    }

    @Test
    void mentorIdsDifferingOnlyInCaseAreDifferentMentors() {
        assertEquals(2, validator.validate(withMentors(List.of("mentor-a", "Mentor-A"))).mentorIds().size());
    }

    @Test
    void aThousandBadMentorIdsAreReportedAsTheFirstHundred() {
        var bad = IntStream.range(0, 1000).mapToObj(i -> "bad id " + i).toList();
        var errors = refused(withMentors(bad));
        assertEquals(100, errors.size());
        assertEquals("mentor_ids[0]", errors.getFirst().field());
        assertEquals("mentor_ids[99]", errors.getLast().field());
    }

    // --- activity_type ---

    @Test
    void aMissingActivityTypeIsRequired() {
        assertEquals(new FieldError("activity_type", "REQUIRED", "is required"), refusedOnce(withActivityType(null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Group_Workshop", "group-workshop", "group workshop", "group.workshop", "ß"})
    void anActivityTypeOutsideLowerCaseDigitsAndUnderscoreIsRefused(String type) {
        assertEquals(new FieldError("activity_type", "INVALID_FORMAT", TYPE_RULE),
                refusedOnce(withActivityType(type)));
    }

    @Test
    void anActivityTypeMayBe1To64Characters() {
        validator.validate(withActivityType("x"));
        validator.validate(withActivityType("a_1".repeat(21) + "z"));
        assertEquals("activity_type", refusedOnce(withActivityType("a".repeat(65))).field());
    }

    // --- activity_date ---

    @Test
    void aMissingActivityDateIsRequired() {
        assertEquals(new FieldError("activity_date", "REQUIRED", "is required"), refusedOnce(withDate(null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2025-02-29", "26-03-28",
            "2026-3-28", "2026-03-8", "2026-03-28T00:00:00Z", "2026/03/28", "28-03-2026", "20260328", "",
            " 2026-03-28", "2026-03-28 ", "+026-03-28", "2026-03-2x", "tomorrow"})
    void anythingButARealCalendarDateInIsoFormIsRefused(String date) {
        assertEquals(new FieldError("activity_date", "INVALID_FORMAT",
                        "must be a real calendar date in the form YYYY-MM-DD (got '" + date + "')"),
                refusedOnce(withDate(date)));
    }

    @Test
    void aLeapDayIsARealDate() {
        assertEquals(LocalDate.of(2028, 2, 29), validator.validate(withDate("2028-02-29")).activityDate());
    }

    @Test
    void aLongBadDateIsQuotedShortened() {
        var date = "2026-03-28".repeat(10);
        assertEquals("must be a real calendar date in the form YYYY-MM-DD (got '" + date.substring(0, 40) + "...')",
                refusedOnce(withDate(date)).message());
    }

    @Test
    void theDateRuleAloneNamesTheGivenField() {
        assertEquals(LocalDate.of(2026, 3, 28), RegistrationValidator.parseDate("from", "2026-03-28"));
        var e = assertThrows(InvalidInputException.class, () -> RegistrationValidator.parseDate("from", "2026-02-30"));
        assertEquals("from", e.errors().getFirst().field());
    }

    // --- duration_minutes ---

    @Test
    void aMissingDurationIsRequired() {
        assertEquals(new FieldError("duration_minutes", "REQUIRED", "is required"), refusedOnce(withDuration(null)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1441, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aDurationOutside1To1440MinutesIsOutOfRange(int minutes) {
        assertEquals(new FieldError("duration_minutes", "OUT_OF_RANGE", "must be between 1 and 1440 minutes"),
                refusedOnce(withDuration(minutes)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1440})
    void theDurationBoundsThemselvesAreAccepted(int minutes) {
        assertEquals(minutes, validator.validate(withDuration(minutes)).durationMinutes());
    }

    // --- notes ---

    @Test
    void twoThousandEmojiAreTwoThousandCharactersOfNotes() {
        var notes = "😀".repeat(2000);
        assertEquals(4000, notes.length());
        assertEquals(Optional.of(notes), validator.validate(withNotes(notes)).notes());
    }

    @Test
    void notesOfTwoThousandAndOneCharactersAreTooLong() {
        assertEquals(new FieldError("notes", "TOO_LONG", "must be at most 2000 characters"),
                refusedOnce(withNotes("x".repeat(2001))));
        assertEquals("notes", refusedOnce(withNotes("😀".repeat(2001))).field());
    }

    @Test
    void notesMayHoldAnyUnicodeText() {
        var notes = "Ünïcödé — 日本語, עברית, e\u0301, 👩‍👩‍👧, tab\tand\nnewline";
        assertEquals(Optional.of(notes), validator.validate(withNotes(notes)).notes());
        assertEquals(Optional.of(""), validator.validate(withNotes("")).notes());
    }

    @Test
    void notesWithANulCharacterAreRefused() {
        assertEquals(new FieldError("notes", "INVALID_FORMAT", "must not contain the NUL character"),
                refusedOnce(withNotes("before\u0000after")));
    }

    @Test
    void notesWithALoneSurrogateAreRefused() {
        assertEquals(new FieldError("notes", "INVALID_FORMAT", "must be valid Unicode text"),
                refusedOnce(withNotes("half an emoji \uD83D")));
    }

    // --- several rules at once ---

    @Test
    void everyBrokenRuleIsReportedTogetherInFieldOrder() {
        var request = new RegistrationRequest("", List.of("ok", "bad id", "ok"), null, "2026-02-30", 0,
                "\u0000", null);
        var e = assertThrows(InvalidInputException.class, () -> validator.validate(request));

        assertEquals(List.of("coordinator_id", "mentor_ids[1]", "mentor_ids[2]", "activity_type", "activity_date",
                "duration_minutes", "notes"), e.errors().stream().map(FieldError::field).toList());
        assertEquals(List.of("INVALID_FORMAT", "INVALID_FORMAT", "DUPLICATE", "REQUIRED", "INVALID_FORMAT",
                "OUT_OF_RANGE", "INVALID_FORMAT"), e.errors().stream().map(FieldError::code).toList());
        assertEquals("7 fields are invalid; the first: coordinator_id " + ID_RULE, e.getMessage());
    }

    @Test
    void aSingleBrokenRuleIsTheWholeMessage() {
        var e = assertThrows(InvalidInputException.class, () -> validator.validate(withDuration(0)));
        assertEquals("duration_minutes must be between 1 and 1440 minutes", e.getMessage());
        assertEquals("INVALID_INPUT", e.code());
    }

    @Test
    void anEmptyRequestNamesEveryRequiredField() {
        var errors = refused(new RegistrationRequest(null, null, null, null, null, null, null));
        assertEquals(List.of("coordinator_id", "mentor_ids", "activity_type", "activity_date", "duration_minutes"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(errors.stream().allMatch(f -> f.code().equals("REQUIRED") && f.message().equals("is required")));
    }

    @Test
    void theReportStopsAtAHundredErrorsEvenWithOtherFieldsBroken() {
        var bad = IntStream.range(0, 500).mapToObj(i -> "bad id " + i).toList();
        UnaryOperator<RegistrationRequest> alsoBadDate = r -> new RegistrationRequest(r.coordinatorId(),
                r.mentorIds(), r.activityType(), "nope", r.durationMinutes(), r.notes(), r.overrideDuplicates());
        var errors = refused(alsoBadDate.apply(withMentors(bad)));
        assertEquals(100, errors.size());
    }

    // --- listing filters ---

    @Test
    void aFilterWithValuesAJobCanHoldIsAccepted() {
        var filter = RegistrationValidator.filter(Optional.of(JobStatus.COMPLETED), Optional.of("coord-42"),
                Optional.of("group_workshop"));
        assertEquals(new JobFilter(Optional.of(JobStatus.COMPLETED), Optional.of("coord-42"),
                Optional.of("group_workshop")), filter);
        assertEquals(JobFilter.all(), RegistrationValidator.filter(Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    @Test
    void aFilterValueNoJobCanHoldIsRefusedWithTheFieldsRule() {
        var e = assertThrows(InvalidInputException.class, () -> RegistrationValidator.filter(Optional.empty(),
                Optional.of("coord\u0000"), Optional.of("Group Workshop")));
        assertEquals(List.of(new FieldError("coordinator_id", "INVALID_FORMAT", ID_RULE),
                new FieldError("activity_type", "INVALID_FORMAT", TYPE_RULE)), e.errors());
    }

    // --- mentor ids received in parts ---

    @Test
    void mentorIdsReceivedSoFarUpToTheLimitPass() {
        validator.checkMentorsSoFar(0);
        validator.checkMentorsSoFar(10_000);
    }

    @Test
    void mentorIdsReceivedSoFarPastTheLimitAreRefusedWithTheCountRule() {
        var e = assertThrows(InvalidInputException.class, () -> validator.checkMentorsSoFar(10_500));
        assertEquals(List.of(new FieldError("mentor_ids", "TOO_MANY",
                "must list between 1 and 10000 mentors (got 10500)")), e.errors());
    }
}
