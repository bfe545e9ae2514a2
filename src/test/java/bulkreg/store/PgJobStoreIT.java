package bulkreg.store;

import bulkreg.core.ChunkOutcome;
import bulkreg.core.ClaimedJob;
import bulkreg.core.ItemStatus;
import bulkreg.core.JobFilter;
import bulkreg.core.JobId;
import bulkreg.core.JobStatus;
import bulkreg.core.JobSummary;
import bulkreg.core.MentorResult;
import bulkreg.core.Registration;
import bulkreg.support.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's guarantees that several workers and instances rely on: leases, and chunks that never repeat. */
class PgJobStoreIT {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static HikariDataSource dataSource;
    private static DbClient db;
    private static PgJobStore store;

    @BeforeAll
    static void start() {
        var config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.fresh());
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(8);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).load().migrate();
        db = JdbcClientBuilder.create().connectionPool(new HikariConnectionPool(dataSource)).build();
        store = new PgJobStore(db, dataSource);
    }

    @AfterAll
    static void stop() {
        db.close();
        dataSource.close();
    }

    @Test
    void aLeasedJobIsNotClaimedByAnotherOwnerUntilTheLeaseIsReleased() {
        var job = store.create(registration("lease", 3));
        var first = claimUntil("owner-a", job.id().value());
        assertTrue(first.isPresent());

        assertTrue(store.claimNext("owner-b", LEASE).filter(c -> c.id().equals(job.id())).isEmpty());
        store.release(first.get());
        assertEquals(job.id(), claimUntil("owner-b", job.id().value()).orElseThrow().id());
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheFormerOwnerCanNoLongerWrite() throws Exception {
        var job = store.create(registration("expiry", 10));
        var stale = claimUntil("owner-a", job.id().value(), Duration.ofMillis(200)).orElseThrow();
        Thread.sleep(400);
        var fresh = claimUntil("owner-b", job.id().value()).orElseThrow();

        var refused = store.processChunk(stale, 5, LEASE);
        assertFalse(refused.held());
        assertEquals(0, activities(job.id().value()));

        var written = store.processChunk(fresh, 5, LEASE);
        assertTrue(written.held());
        assertEquals(5, written.registered());
        assertEquals(5, activities(job.id().value()));
    }

    @Test
    void workersRacingOnOneJobWriteEachMentorExactlyOnce() throws Exception {
        int mentors = 2_000;
        var job = store.create(registration("race", mentors));
        var claimed = claimUntil("owner-a", job.id().value()).orElseThrow();
        // Both workers hold the same lease (as after a lease takeover race): the chunk lock must serialise them.
        Callable<Integer> worker = () -> {
            int registered = 0;
            while (true) {
                var outcome = store.processChunk(claimed, 37, LEASE);
                registered += outcome.registered();
                if (!outcome.more()) {
                    return registered;
                }
            }
        };
        try (var pool = Executors.newFixedThreadPool(4)) {
            var futures = pool.invokeAll(List.of(worker, worker, worker, worker));
            int total = 0;
            for (var f : futures) {
                total += f.get();
            }
            assertEquals(mentors, total);
        }
        assertEquals(mentors, activities(job.id().value()));
        assertEquals(JobStatus.COMPLETED, store.find(job.id()).orElseThrow().status());
    }

    @Test
    void aCancelledJobTakesNoFurtherChunks() {
        var job = store.create(registration("cancel", 50));
        var claimed = claimUntil("owner-a", job.id().value()).orElseThrow();
        assertTrue(store.processChunk(claimed, 10, LEASE).more());
        assertTrue(store.cancel(job.id()));

        var after = store.processChunk(claimed, 10, LEASE);
        assertFalse(after.held());
        assertEquals(JobStatus.CANCELLED, after.status());
        assertEquals(10, activities(job.id().value()));
    }

    @Test
    void aRangeIsWrittenOnlyWhereTheMainPassStandsAndNeverTwice() {
        var job = store.create(registration("turn", 300));
        var claimed = claimUntil("owner-a", job.id().value()).orElseThrow();

        var early = store.writeRange(claimed, 100, 200, LEASE, () -> { });
        assertTrue(early.held());
        assertEquals(0, early.position(), "the range before it has not been written");
        assertEquals(0, activities(job.id().value()));

        assertEquals(100, store.writeRange(claimed, 0, 100, LEASE, () -> { }).position());
        assertEquals(200, store.writeRange(claimed, 100, 200, LEASE, () -> { }).position());
        var again = store.writeRange(claimed, 0, 100, LEASE, () -> { });
        assertEquals(200, again.position(), "a range already written is not written again");
        assertEquals(0, again.registered());
        assertEquals(200, activities(job.id().value()));
        assertEquals(List.of(0, 100), progressEvents(job.id().value()));
    }

    @Test
    void rangesInFlightTogetherCommitInPositionOrder() throws Exception {
        var job = store.create(registration("order", 200));
        var claimed = claimUntil("owner-a", job.id().value()).orElseThrow();
        try (var blocker = holdActivity("order-1"); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = inLine(threads, claimed, 0, 100);
            var second = inLine(threads, claimed, 100, 200);
            // The second range's inserts are not held up, but it must not commit before the first.
            Thread.sleep(500);
            assertFalse(first.isDone() || second.isDone());
            assertEquals(0, activities(job.id().value()));

            blocker.rollback();
            assertEquals(100, first.get().position());
            assertEquals(200, second.get().position());
        }
        assertEquals(200, activities(job.id().value()));
        assertEquals(List.of(0, 100), progressEvents(job.id().value()));
        assertEquals(JobStatus.COMPLETED, store.find(job.id()).orElseThrow().status());
    }

    @Test
    void cancellingAJobStopsEveryRangeInFlightAndWritesNothingOfThem() throws Exception {
        var job = store.create(registration("stop", 200));
        var claimed = claimUntil("owner-a", job.id().value()).orElseThrow();
        try (var blocker = holdActivity("stop-1"); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = inLine(threads, claimed, 0, 100);
            var second = inLine(threads, claimed, 100, 200);
            Thread.sleep(200);
            assertTrue(store.cancel(job.id()));
            blocker.rollback();

            assertFalse(first.get().held());
            assertFalse(second.get().held());
            assertEquals(JobStatus.CANCELLED, second.get().status());
        }
        assertEquals(0, activities(job.id().value()));
        assertEquals(List.of(), progressEvents(job.id().value()));
    }

    @Test
    void rangesInFlightWhenTheLeaseIsTakenOverWriteNothingAndTheNewOwnerWritesEachMentorOnce() throws Exception {
        var job = store.create(registration("takeover", 200));
        var stale = claimUntil("owner-a", job.id().value(), Duration.ofMillis(300)).orElseThrow();
        try (var blocker = holdActivity("takeover-1"); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = inLine(threads, stale, 0, 100);
            var second = inLine(threads, stale, 100, 200);
            Thread.sleep(500);
            var fresh = claimUntil("owner-b", job.id().value()).orElseThrow();
            blocker.rollback();
            assertFalse(first.get().held());
            assertFalse(second.get().held());

            assertEquals(100, store.writeRange(fresh, 0, 100, LEASE, () -> { }).position());
            assertEquals(200, store.writeRange(fresh, 100, 200, LEASE, () -> { }).position());
        }
        assertEquals(200, activities(job.id().value()));
        assertEquals(List.of(0, 100), progressEvents(job.id().value()));
    }

    @Test
    void severalJobsResultPagesAreReadInOneGoAndAbsentJobsAreLeftOut() {
        var small = store.create(registration("batch-a", 3));
        var large = store.create(registration("batch-b", 30));
        var absent = new JobId(999_999);

        var pages = store.results(List.of(small.id(), large.id(), absent), Optional.empty(), 1, 10);

        assertEquals(List.of(small.id(), large.id()), pages.keySet().stream().sorted(
                java.util.Comparator.comparingLong(JobId::value)).toList());
        assertEquals(List.of("batch-a-3"), pages.get(small.id()).stream().map(MentorResult::mentorId).toList());
        assertEquals(10, pages.get(large.id()).size());
        assertEquals(2, pages.get(large.id()).getFirst().position());
        assertTrue(store.results(List.of(large.id()), Optional.of(ItemStatus.SUCCESS), -1, 10).isEmpty());
        assertEquals(2, store.findAll(List.of(small.id(), large.id(), absent)).size());
    }

    @Test
    void listingAfterAJobPagesByKeyNewestFirst() {
        var coordinator = "keyset";
        var ids = IntStream.range(0, 5).mapToObj(i -> store.create(registration("keyset-" + i, 1, coordinator)).id())
                .toList();
        var filter = new JobFilter(Optional.empty(), Optional.of(coordinator), Optional.empty());

        var first = store.listAfter(filter, Optional.empty(), 2);
        var second = store.listAfter(filter, Optional.of(first.items().getLast().id()), 2);
        var last = store.listAfter(filter, Optional.of(second.items().getLast().id()), 2);

        assertEquals(List.of(ids.get(4), ids.get(3)), first.items().stream().map(JobSummary::id).toList());
        assertEquals(List.of(ids.get(2), ids.get(1)), second.items().stream().map(JobSummary::id).toList());
        assertEquals(List.of(ids.get(0)), last.items().stream().map(JobSummary::id).toList());
        assertTrue(first.hasMore() && second.hasMore());
        assertFalse(last.hasMore());
        assertEquals(5, last.total());
    }

    private static Registration registration(String prefix, int mentors) {
        return registration(prefix, mentors, "coord");
    }

    private static Registration registration(String prefix, int mentors, String coordinator) {
        var ids = IntStream.rangeClosed(1, mentors).mapToObj(i -> prefix + "-" + i).toList();
        return new Registration(coordinator, ids, "store_test", LocalDate.of(2026, 5, 1), 30, Optional.empty(),
                false);
    }

    private static Optional<ClaimedJob> claimUntil(String owner, long jobId) {
        return claimUntil(owner, jobId, LEASE);
    }

    /** Claims until this test's job comes up (other tests' jobs may be older), releasing the others. */
    private static Optional<ClaimedJob> claimUntil(String owner, long jobId, Duration lease) {
        var skipped = new ArrayList<ClaimedJob>();
        try {
            while (true) {
                var claimed = store.claimNext(owner, lease);
                if (claimed.isEmpty() || claimed.get().id().value() == jobId) {
                    return claimed;
                }
                skipped.add(claimed.get());
            }
        } finally {
            skipped.forEach(store::release);
        }
    }

    /** Starts writing a range on a thread of its own and returns once it holds its place in line. */
    private static Future<ChunkOutcome> inLine(ExecutorService threads, ClaimedJob job, int from, int to)
            throws InterruptedException {
        var inLine = new CountDownLatch(1);
        var outcome = threads.submit(() -> store.writeRange(job, from, to, LEASE, inLine::countDown));
        inLine.await();
        return outcome;
    }

    /** An uncommitted activity for the mentor, which holds up any job's insert of it until rolled back. */
    private static Connection holdActivity(String mentorId) throws SQLException {
        var c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (var st = c.prepareStatement("""
                INSERT INTO participation_activity (mentor_id, activity_type, activity_date, duration_minutes,
                                                    job_id, first_of_kind)
                VALUES (?, 'store_test', DATE '2026-05-01', 30, 0, true)""")) {
            st.setString(1, mentorId);
            st.execute();
        }
        return c;
    }

    /** Where each committed progress event of the job starts, in sequence order. */
    private static List<Integer> progressEvents(long jobId) {
        try (var c = dataSource.getConnection(); var st = c.prepareStatement("""
                SELECT changed_from FROM job_event
                WHERE job_id = ? AND kind IN ('progressed', 'completed') ORDER BY seq""")) {
            st.setLong(1, jobId);
            var starts = new ArrayList<Integer>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    starts.add(rs.getInt(1));
                }
            }
            return starts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int activities(long jobId) {
        try (var c = dataSource.getConnection();
             var st = c.prepareStatement("SELECT count(*) FROM participation_activity WHERE job_id = ?")) {
            st.setLong(1, jobId);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
