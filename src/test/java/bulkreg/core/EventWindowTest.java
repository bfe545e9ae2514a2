package bulkreg.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The events in memory: the newest within capacity, and which sequences they no longer cover. */
class EventWindowTest {

    @Test
    void eventsAfterASequenceAreTheNewerOnesInOrderGapsIncluded() {
        var window = EventWindow.empty(0).with(events(2, 3, 7, 9), 10);
        assertEquals(List.of(2L, 3L, 7L, 9L), sequences(window.after(0)));
        assertEquals(List.of(7L, 9L), sequences(window.after(3)));
        assertEquals(List.of(7L, 9L), sequences(window.after(5)));
        assertEquals(List.of(), sequences(window.after(9)));
        assertEquals(List.of(), sequences(window.after(12)));
        assertEquals(9, window.latest());
        assertEquals(0, window.forgottenUpTo());
    }

    @Test
    void beyondItsCapacityTheOldestAreForgottenAndSaidToBe() {
        var window = EventWindow.empty(0).with(events(1, 2, 3), 4).with(events(4, 5, 6), 4);
        assertEquals(List.of(3L, 4L, 5L, 6L), sequences(window.after(0)));
        assertEquals(2, window.forgottenUpTo());

        var flooded = window.with(events(7, 8, 9, 10, 11, 12), 4);
        assertEquals(List.of(9L, 10L, 11L, 12L), sequences(flooded.after(0)));
        assertEquals(8, flooded.forgottenUpTo());
        assertEquals(12, flooded.latest());
    }

    @Test
    void anEmptyWindowStartsAfterItsStartingPoint() {
        var window = EventWindow.empty(40);
        assertEquals(40, window.latest());
        assertEquals(40, window.forgottenUpTo());
        assertEquals(List.of(), window.after(0));
    }

    private static List<JobEvent> events(long... sequences) {
        return LongStream.of(sequences).mapToObj(s -> new JobEvent(s, new JobId(1), "c", JobEventKind.PROGRESSED,
                JobStatus.PROCESSING, 0, 0, 0, List.of(), Instant.EPOCH)).toList();
    }

    private static List<Long> sequences(List<JobEvent> events) {
        return events.stream().map(JobEvent::sequence).toList();
    }
}
