package bulkreg.core;

import bulkreg.support.EventRecorder;
import bulkreg.support.TestApp;
import bulkreg.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job-event stream the live fronts build on: snapshot first, every chunk in order, then the end. */
class JobEventsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aWatcherSeesTheSnapshotThenEveryChunkInOrderAndCompletesWithTheFinalState() throws Exception {
        try (var app = TestApp.start(TestDatabase.fresh(), 50)) {
            var job = app.service().submit(request("watch", 10_000));
            var watcher = new EventRecorder(Duration.ZERO);
            app.service().watch(job.id().toString(), false).subscribe(watcher);

            var events = watcher.awaitCompletion(TIMEOUT);
            assertWellFormed(events, 10_000);
        }
    }

    @Test
    void aSlowWatcherMissesNothingAndHoldsNobodyUp() throws Exception {
        try (var app = TestApp.start(TestDatabase.fresh(), 50)) {
            var job = app.service().submit(request("slow", 5_000));
            var slow = new EventRecorder(Duration.ofMillis(20));
            app.service().watch(job.id().toString(), false).subscribe(slow);

            var fast = new EventRecorder(Duration.ZERO);
            app.service().watch(job.id().toString(), false).subscribe(fast);
            fast.awaitCompletion(TIMEOUT);
            assertTrue(slow.events().size() < fast.events().size(), "the slow watcher should still be behind");

            assertWellFormed(slow.awaitCompletion(TIMEOUT), 5_000);
        }
    }

    @Test
    void aStateOnlyWatcherThatFellBehindGetsTheNewestStateNextThenCompletes() throws Exception {
        try (var app = TestApp.start(TestDatabase.fresh(), 50)) {
            var job = app.service().submit(request("behind", 5_000));
            var received = new LinkedBlockingQueue<JobEvent>();
            var subscription = new AtomicReference<Flow.Subscription>();
            var completed = new CountDownLatch(1);
            app.service().watch(job.id().toString(), true).subscribe(new Flow.Subscriber<>() {
                public void onSubscribe(Flow.Subscription s) {
                    subscription.set(s);
                    s.request(1);
                }

                public void onNext(JobEvent event) {
                    received.add(event);
                }

                public void onError(Throwable failure) {
                    received.add(new JobEvent(-1, job.id(), "failed: " + failure, JobEventKind.FAILED,
                            JobStatus.FAILED, 0, 0, 0, List.of(), java.time.Instant.now()));
                    completed.countDown();
                }

                public void onComplete() {
                    completed.countDown();
                }
            });
            var everything = new EventRecorder(Duration.ZERO);
            app.service().watch(job.id().toString(), false).subscribe(everything);
            var snapshot = received.poll(60, TimeUnit.SECONDS);
            assertEquals(JobEventKind.SNAPSHOT, snapshot.kind());
            var all = everything.awaitCompletion(TIMEOUT); // the job has ended; the state-only watcher read nothing

            subscription.get().request(Long.MAX_VALUE);

            assertTrue(completed.await(60, TimeUnit.SECONDS));
            assertEquals(1, received.size(), "only the newest state after the snapshot: " + received);
            var last = received.poll();
            assertEquals(all.getLast(), last);
            assertEquals(JobStatus.COMPLETED, last.status());
            assertEquals(5_000, last.successCount());
            assertTrue(all.size() > 50, "the full watcher got every chunk: " + all.size());
        }
    }

    @Test
    void aStateOnlyWatcherThatFellBehindGetsTheFinalStateEvenIfTheJobChangedAfterIt() throws Exception {
        try (var app = TestApp.start(TestDatabase.fresh(), 50)) {
            var taken = app.service().submit(request("taken", 1));
            var first = new EventRecorder(Duration.ZERO);
            app.service().watch(taken.id().toString(), false).subscribe(first);
            first.awaitCompletion(TIMEOUT);
            // Large enough that both watches begin while it runs; its last mentor fails as a duplicate.
            var mentors = new java.util.ArrayList<>(request("fresh", 2_000).mentorIds());
            mentors.add("taken-1");
            var job = app.service().submit(new RegistrationRequest("coord-events", mentors, "group_workshop",
                    "2026-03-28", 60, null, false));
            var late = new EventRecorder(Duration.ofSeconds(3)); // holds its snapshot while the job ends
            app.service().watch(job.id().toString(), true).subscribe(late);
            var everything = new EventRecorder(Duration.ZERO);
            app.service().watch(job.id().toString(), false).subscribe(everything);
            var completion = everything.awaitCompletion(TIMEOUT).getLast();
            assertEquals(1, completion.failureCount(), completion.toString());

            app.service().retryFailed(job.id().toString(), true); // a change right after the final state

            var events = late.awaitCompletion(TIMEOUT);
            assertEquals(completion, events.getLast(), "the first final state, not the retry's: " + events);
        }
    }

    @Test
    void aWatcherOnOneInstanceFollowsAJobProcessedByAnother() throws Exception {
        var database = TestDatabase.fresh();
        try (var a = TestApp.start(database, 50); var b = TestApp.start(database, 50)) {
            var job = a.service().submit(request("cross", 5_000));
            var watcher = new EventRecorder(Duration.ZERO);
            b.service().watch(job.id().toString(), false).subscribe(watcher);

            assertWellFormed(watcher.awaitCompletion(TIMEOUT), 5_000);
        }
    }

    @Test
    void watchingAFinishedJobGivesItsFinalStateAndCompletes() throws Exception {
        try (var app = TestApp.start(TestDatabase.fresh(), 100)) {
            var job = app.service().submit(request("done", 10));
            var first = new EventRecorder(Duration.ZERO);
            app.service().watch(job.id().toString(), false).subscribe(first);
            first.awaitCompletion(TIMEOUT);

            var late = new EventRecorder(Duration.ZERO);
            app.service().watch(job.id().toString(), false).subscribe(late);
            var events = late.awaitCompletion(TIMEOUT);
            assertEquals(1, events.size());
            assertEquals(JobEventKind.SNAPSHOT, events.getFirst().kind());
            assertEquals(JobStatus.COMPLETED, events.getFirst().status());
            assertEquals(10, events.getFirst().successCount());
        }
    }

    private static void assertWellFormed(List<JobEvent> events, int mentors) {
        assertEquals(JobEventKind.SNAPSHOT, events.getFirst().kind());
        assertEquals(JobStatus.PROCESSING, events.getFirst().status(), "watching began before the job ended");
        var last = events.getLast();
        assertEquals(JobEventKind.COMPLETED, last.kind());
        assertEquals(JobStatus.COMPLETED, last.status());
        assertEquals(mentors, last.successCount());
        var changed = new TreeSet<Integer>();
        int processed = events.getFirst().processed();
        long sequence = events.getFirst().sequence();
        for (var event : events.subList(1, events.size())) {
            assertTrue(event.sequence() > sequence, "events in order");
            assertTrue(event.processed() >= processed, "counts never go back");
            sequence = event.sequence();
            processed = event.processed();
            for (int position : event.changed()) {
                assertTrue(changed.add(position), "position " + position + " reported twice");
            }
        }
        int before = events.getFirst().processed();
        assertEquals(IntStream.range(before, mentors).boxed().toList(), List.copyOf(changed));
    }

    private static RegistrationRequest request(String prefix, int mentors) {
        return new RegistrationRequest("coord-events",
                IntStream.rangeClosed(1, mentors).mapToObj(i -> prefix + "-" + i).toList(), "group_workshop",
                "2026-03-28", 60, null, false);
    }
}
