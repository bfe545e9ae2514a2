package bulkreg.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cache's one promise: never an answer older than a change this instance already knew of. The hub is fed
 * by hand here, standing in for the event feed; the store is a counter of loads.
 */
class FinishedJobCacheTest {

    private static final JobId ID = new JobId(7);
    private static final Duration CURRENT = Duration.ofMinutes(1);

    private final JobEventHub hub = new JobEventHub(new NoLog(), 100, 0);
    private final FinishedJobCache cache = new FinishedJobCache(hub, 1_000, CURRENT);
    private final AtomicInteger loads = new AtomicInteger();
    private long sequence;

    @Test
    void aFinishedJobIsLoadedOnceAndThenAnsweredFromMemory() {
        feed();
        read(JobStatus.COMPLETED);
        read(JobStatus.COMPLETED);
        assertEquals(1, loads.get());
    }

    @Test
    void aJobStillProcessingIsLoadedEveryTime() {
        feed();
        read(JobStatus.PROCESSING);
        read(JobStatus.PROCESSING);
        assertEquals(2, loads.get());
    }

    @Test
    void anEventOfTheJobForgetsIt() {
        feed();
        read(JobStatus.COMPLETED);
        feed(event(ID));
        read(JobStatus.COMPLETED);
        assertEquals(2, loads.get());
    }

    @Test
    void anEventOfAnotherJobKeepsIt() {
        feed();
        read(JobStatus.COMPLETED);
        feed(event(new JobId(8)));
        read(JobStatus.COMPLETED);
        assertEquals(1, loads.get());
    }

    @Test
    void aReadDuringWhichAnEventOfTheJobArrivedIsNotKept() {
        feed();
        cache.detail(ID, () -> {
            var older = load(JobStatus.COMPLETED);
            feed(event(ID)); // the change commits and its event arrives while the older state is on its way
            return older;
        });
        read(JobStatus.COMPLETED);
        assertEquals(2, loads.get());
    }

    @Test
    void aReadDuringWhichThisInstanceChangedTheJobIsNotKept() {
        feed();
        cache.detail(ID, () -> {
            var older = load(JobStatus.COMPLETED);
            cache.changed(ID); // a retry answered here before its event has arrived
            return older;
        });
        read(JobStatus.COMPLETED);
        assertEquals(2, loads.get());
    }

    @Test
    void withoutACurrentFeedEveryReadGoesToTheStore() {
        read(JobStatus.COMPLETED); // the feed has never reported
        read(JobStatus.COMPLETED);
        assertEquals(2, loads.get());
    }

    @Test
    void aFeedThatLostItsConnectionSendsEveryReadToTheStoreUntilItHasCaughtUp() {
        feed();
        read(JobStatus.COMPLETED);
        hub.feedLost();
        read(JobStatus.COMPLETED);
        feed();
        read(JobStatus.COMPLETED);
        assertEquals(2, loads.get());
    }

    @Test
    void keepingAJobPastTheBudgetForgetsOthers() {
        var two = new FinishedJobCache(hub, 2, CURRENT);
        feed();
        two.detail(ID, () -> load(JobStatus.COMPLETED, 2));
        two.detail(new JobId(8), () -> load(new JobId(8), JobStatus.COMPLETED, 2));
        two.detail(ID, () -> load(JobStatus.COMPLETED, 2));
        assertEquals(3, loads.get(), "the second job pushed the first out");
    }

    @Test
    void aDetailLargerThanTheBudgetIsNotKept() {
        var small = new FinishedJobCache(hub, 1, CURRENT);
        feed();
        small.detail(ID, () -> load(JobStatus.COMPLETED, 2));
        small.detail(ID, () -> load(JobStatus.COMPLETED, 2));
        assertEquals(2, loads.get());
    }

    private void read(JobStatus status) {
        cache.detail(ID, () -> load(status));
    }

    private Optional<JobDetail> load(JobStatus status) {
        return load(status, 1);
    }

    private Optional<JobDetail> load(JobStatus status, int mentors) {
        return load(ID, status, mentors);
    }

    private Optional<JobDetail> load(JobId id, JobStatus status, int mentors) {
        loads.incrementAndGet();
        var ids = new ArrayList<String>();
        var results = new ArrayList<MentorResult>();
        for (int i = 0; i < mentors; i++) {
            ids.add("m-" + i);
            results.add(new MentorResult(i, "m-" + i, ItemStatus.SUCCESS, Optional.of(new ActivityId(i + 1)),
                    Optional.empty()));
        }
        var now = Instant.now();
        var job = new Job(id, "c", "group_workshop", LocalDate.of(2026, 3, 28), 60, Optional.empty(), false, ids,
                status, mentors, 0, 0, now, now, status.isFinal() ? Optional.of(now) : Optional.empty());
        return Optional.of(new JobDetail(job, results));
    }

    private void feed(JobEvent... events) {
        hub.append(List.of(events));
        hub.caughtUp();
    }

    private JobEvent event(JobId job) {
        return new JobEvent(++sequence, job, "c", JobEventKind.RETRIED, JobStatus.PROCESSING, 0, 0, 1, List.of(),
                Instant.now());
    }
}
