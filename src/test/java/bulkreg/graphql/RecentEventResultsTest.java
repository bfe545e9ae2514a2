package bulkreg.graphql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the recent results keep counts their selections too: distinct long documents cannot pile up. */
class RecentEventResultsTest {

    private static final EventResult SMALL = new EventResult(new RenderedJson("{\"sequence\":\"7\"}"), List.of());

    private final RecentEventResults recent = new RecentEventResults();

    @Test
    void longDocumentsCountTowardsTheBoundSoTheOldestAreLetGo() {
        for (int i = 0; i < 512; i++) {
            settle(selection(i, 100_000));
        }
        assertTrue(recent.claim(selection(0, 100_000)).first(), "the oldest of 50 MB of documents is let go");
        assertFalse(recent.claim(selection(511, 100_000)).first(), "the newest is kept");
    }

    @Test
    void aResultForAVeryLongDocumentIsNeverKept() {
        settle(selection(1, 1 << 20));
        assertTrue(recent.claim(selection(1, 1 << 20)).first());
    }

    @Test
    void aSmallOneIsKept() {
        settle(selection(1, 100));
        assertFalse(recent.claim(selection(1, 100)).first());
    }

    private void settle(EventSelection selection) {
        var claim = recent.claim(selection);
        assertTrue(claim.first());
        recent.settle(claim, Optional.of(SMALL));
    }

    /** A document made distinct by a comment and long by padding. */
    private static EventSelection selection(int n, int length) {
        var document = "subscription { bulkRegistrationProgress(id: \"bulk-001\") { sequence } } #" + n + " ";
        return new EventSelection(document + "x".repeat(length - document.length()), null, Map.of(), 7);
    }
}
