package bulkreg.bench;

import bulkreg.grpc.v1.BulkRegistrationServiceGrpc;
import bulkreg.grpc.v1.BulkRegistrationServiceGrpc.BulkRegistrationServiceBlockingStub;
import bulkreg.grpc.v1.JobStatus;
import bulkreg.grpc.v1.WatchBulkRegistrationRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Figure 1: how fast a job of N mentors goes from POST to its final status, beside the floor PostgreSQL sets:
 * a raw COPY of the same activity rows into a scratch table of the same shape (its indexes included).
 * The bench learns of the completion as a demanding client would, from the job's gRPC watch stream (progress
 * only), opened once the POST has answered: it costs the service one snapshot read and then only the events
 * it sends anyway, where polling would load the service and PostgreSQL during the very job it measures.
 */
final class BulkThroughput implements AutoCloseable {

    /** One job size: the medians of the service and of the COPY floor, and every run, in milliseconds. */
    record Result(int mentors, double jobMillis, double copyMillis, List<Double> jobRuns, List<Double> copyRuns) {

        double mentorsPerSecond() {
            return mentors / (jobMillis / 1000);
        }

        double ratio() {
            return jobMillis / copyMillis;
        }
    }

    private static final String NOTES = "Spring semester kick-off workshop";

    private final HttpClient client = HttpClient.newHttpClient();
    private final ManagedChannel channel;
    private final BulkRegistrationServiceBlockingStub grpc;
    private final int port;
    private final String databaseUrl;
    private int run;

    BulkThroughput(int port, int grpcPort, String databaseUrl) {
        this.port = port;
        this.databaseUrl = databaseUrl;
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        // The service answers health before its gRPC port listens: wait for the channel rather than fail.
        this.grpc = BulkRegistrationServiceGrpc.newBlockingStub(channel).withWaitForReady();
    }

    /** @param warmUps uncounted jobs first: a service that has run jobs before is the one users meet */
    Result measure(int mentors, int warmUps, int repeats) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            job(mentors);
            copy(mentors);
        }
        var jobs = new ArrayList<Double>();
        var copies = new ArrayList<Double>();
        for (int i = 0; i < repeats; i++) {
            jobs.add(job(mentors));
            copies.add(copy(mentors));
        }
        return new Result(mentors, median(jobs), median(copies), jobs, copies);
    }

    /** Milliseconds from sending the POST to seeing the job completed. */
    private double job(int mentors) throws Exception {
        var coordinator = "bench-" + (++run);
        var ids = IntStream.range(0, mentors).mapToObj(i -> "m" + run + "-" + i)
                .map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        var body = """
                {"coordinator_id":"%s","mentor_ids":[%s],"activity_type":"group_workshop",
                 "activity_date":"2026-03-28","duration_minutes":120,"notes":"%s"}"""
                .formatted(coordinator, ids, NOTES);
        long start = System.nanoTime();
        var created = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/bulk-registrations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + created.statusCode() + ": " + created.body());
        }
        var location = created.headers().firstValue("Location").orElseThrow();
        awaitCompleted(location.substring(location.lastIndexOf('/') + 1));
        return (System.nanoTime() - start) / 1e6;
    }

    /** Follows the job's watch stream (its current state first, then each change) until it is completed. */
    private void awaitCompleted(String jobId) {
        var request = WatchBulkRegistrationRequest.newBuilder().setId(jobId).setOmitChangedResults(true).build();
        var events = grpc.withDeadlineAfter(60, TimeUnit.SECONDS).watchBulkRegistration(request);
        while (events.hasNext()) {
            var status = events.next().getEvent().getStatus();
            if (status == JobStatus.JOB_STATUS_COMPLETED) {
                return;
            }
            if (status != JobStatus.JOB_STATUS_PROCESSING) {
                throw new IllegalStateException("job " + jobId + " ended " + status);
            }
        }
        throw new IllegalStateException("the watch of job " + jobId + " ended before the job completed");
    }

    /** Milliseconds to COPY the same rows into a fresh table shaped like participation_activity. */
    private double copy(int mentors) throws Exception {
        var rows = new StringBuilder();
        for (int i = 0; i < mentors; i++) {
            rows.append("c").append(run).append('-').append(i)
                    .append("\tgroup_workshop\t2026-03-28\t120\t").append(NOTES).append("\t1\tt\n");
        }
        try (var c = DriverManager.getConnection(databaseUrl, "postgres", "postgres")) {
            try (var st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS bench_scratch");
                st.execute("CREATE TABLE bench_scratch (LIKE participation_activity INCLUDING ALL)");
            }
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY bench_scratch (mentor_id, activity_type, activity_date, duration_minutes, notes, job_id,
                                        first_of_kind) FROM STDIN""", new StringReader(rows.toString()));
            return (System.nanoTime() - start) / 1e6;
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    static double median(List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
