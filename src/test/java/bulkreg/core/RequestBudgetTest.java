package bulkreg.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestBudgetTest {

    @Test
    void aBodyThatDoesNotFitWhileOthersAreHeldIsRefusedAsBusy() {
        var budget = new RequestBudget(1024 * 1024, Duration.ofMillis(50));
        try (var first = budget.acquire(700 * 1024)) {
            assertThrows(UnavailableException.class, () -> budget.acquire(700 * 1024));
        }
    }

    @Test
    void roomComesBackWhenABodyIsDone() {
        var budget = new RequestBudget(1024 * 1024, Duration.ofMillis(50));
        budget.acquire(700 * 1024).close();
        assertDoesNotThrow(() -> budget.acquire(700 * 1024).close());
    }

    @Test
    void aBodyLargerThanTheWholeBudgetStillGetsInAlone() {
        var budget = new RequestBudget(64 * 1024, Duration.ofMillis(50));
        assertDoesNotThrow(() -> budget.acquire(10L << 20).close());
    }
}
