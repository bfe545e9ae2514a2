package bulkreg.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A page of a held job's results must be the page the store reads: the same start, filter and size. */
class JobDetailTest {

    /** Ten results; every third failed, the rest succeeded. */
    private final JobDetail detail = new JobDetail(job(), IntStream.range(0, 10).mapToObj(i -> new MentorResult(i,
            "m" + i, i % 3 == 0 ? ItemStatus.FAILED : ItemStatus.SUCCESS, Optional.empty(), Optional.empty()))
            .toList());

    @Test
    void aPageStartsAfterTheGivenPositionAndHoldsAtMostTheLimit() {
        assertEquals(List.of(0, 1, 2), positions(detail.page(Optional.empty(), -1, 3)));
        assertEquals(List.of(5, 6, 7), positions(detail.page(Optional.empty(), 4, 3)));
        assertEquals(List.of(8, 9), positions(detail.page(Optional.empty(), 7, 3)));
        assertEquals(List.of(), positions(detail.page(Optional.empty(), 9, 3)));
    }

    @Test
    void aStatusFilterCountsOnlyTheResultsOfThatStatusTowardsTheLimit() {
        assertEquals(List.of(0, 3, 6), positions(detail.page(Optional.of(ItemStatus.FAILED), -1, 3)));
        assertEquals(List.of(9), positions(detail.page(Optional.of(ItemStatus.FAILED), 6, 3)));
        assertEquals(List.of(4, 5, 7), positions(detail.page(Optional.of(ItemStatus.SUCCESS), 3, 3)));
        assertEquals(List.of(), positions(detail.page(Optional.of(ItemStatus.PENDING), -1, 3)));
    }

    @Test
    void aPositionFarBeyondTheEndGivesAnEmptyPage() {
        assertEquals(List.of(), positions(detail.page(Optional.empty(), 10, 3)));
        assertEquals(List.of(), positions(detail.page(Optional.empty(), Integer.MAX_VALUE, 3)));
        assertEquals(List.of(0), positions(detail.page(Optional.empty(), Integer.MIN_VALUE, 1)));
    }

    private static List<Integer> positions(List<MentorResult> page) {
        var positions = new ArrayList<Integer>();
        page.forEach(result -> positions.add(result.position()));
        return positions;
    }

    private static Job job() {
        var now = Instant.parse("2026-03-28T10:00:00Z");
        return new Job(new JobId(1), "coord-1", "group_workshop", LocalDate.of(2026, 3, 28), 60, Optional.empty(),
                false, IntStream.range(0, 10).mapToObj(i -> "m" + i).toList(), JobStatus.COMPLETED, 7, 3, 0, now,
                now, Optional.of(now));
    }
}
