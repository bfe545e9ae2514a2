package bulkreg.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobIdTest {

    @Test
    void theFirstJobIsBulk001AndItsIdRoundTrips() {
        assertEquals("bulk-001", new JobId(1).toString());
        assertEquals(Optional.of(new JobId(1)), JobId.parse("bulk-001"));
        assertEquals("bulk-001", JobId.parse("bulk-001").orElseThrow().toString());
    }

    @Test
    void idsPastThreeDigitsGrowWithoutPadding() {
        assertEquals("bulk-1000", new JobId(1000).toString());
        assertEquals(Optional.of(new JobId(1000)), JobId.parse("bulk-1000"));
        assertEquals(Optional.of(new JobId(999)), JobId.parse("bulk-999"));
        assertEquals(Optional.of(new JobId(42)), JobId.parse("bulk-042"));
    }

    @Test
    void theLargestEighteenDigitIdRoundTrips() {
        var id = JobId.parse("bulk-999999999999999999").orElseThrow();
        assertEquals(999_999_999_999_999_999L, id.value());
        assertEquals("bulk-999999999999999999", id.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bulk-1", "bulk-01", "bulk-0001", "bulk-01000", "bulk-000", "bulk-0", "bulk-",
            "bulk", "BULK-001", "Bulk-001", " bulk-001", "bulk-001 ", "bulk-+01", "bulk--01", "bulk-1e3",
            "bulk-0x1", "bulk-١٢٣", "bulk-１２３", "bulk-9999999999999999999", "bulk-12345678901234567890",
            "pa-001", "001", "", "garbage"})
    void aNonCanonicalOrForeignJobIdIsRefused(String text) {
        assertEquals(Optional.empty(), JobId.parse(text));
    }

    @ParameterizedTest
    @NullSource
    void aMissingJobIdIsRefused(String text) {
        assertEquals(Optional.empty(), JobId.parse(text));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void jobIdsStartAtOne(long value) {
        assertThrows(IllegalArgumentException.class, () -> new JobId(value));
    }

    @Test
    void activityIdsFollowTheSameCanonicalForm() {
        assertEquals("pa-001", new ActivityId(1).toString());
        assertEquals("pa-042", new ActivityId(42).toString());
        assertEquals("pa-999", new ActivityId(999).toString());
        assertEquals("pa-1000", new ActivityId(1000).toString());
        assertEquals(Optional.of(new ActivityId(1)), ActivityId.parse("pa-001"));
        assertEquals(Optional.of(new ActivityId(1000)), ActivityId.parse("pa-1000"));
        assertThrows(IllegalArgumentException.class, () -> new ActivityId(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pa-1", "pa-01", "pa-0001", "pa-000", "PA-001", "pa-", "bulk-001", "pa-١٢٣", ""})
    void aNonCanonicalOrForeignActivityIdIsRefused(String text) {
        assertEquals(Optional.empty(), ActivityId.parse(text));
    }
}
