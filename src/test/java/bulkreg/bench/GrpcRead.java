package bulkreg.bench;

import bulkreg.grpc.v1.BulkRegistrationServiceGrpc;
import bulkreg.grpc.v1.BulkRegistrationServiceGrpc.BulkRegistrationServiceBlockingStub;
import bulkreg.grpc.v1.GetBulkRegistrationRequest;
import bulkreg.grpc.v1.ListResultsRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Figure 3, gRPC: the read of figure 2 through blocking stubs spread over a few channels, at the same
 * concurrency. The contract has no unary call that answers a job with its results: GetBulkRegistration
 * answers the job alone, and ListResults streams the results. So two figures: GetBulkRegistration alone
 * (less than REST reads), and GetBulkRegistration followed by ListResults to its end (the same data as REST).
 */
final class GrpcRead implements AutoCloseable {

    /** Requests/s and latency of the job alone, and of the job with its 100 results. */
    record Result(Stats get, Stats getWithResults) {
    }

    private static final int CHANNELS = 4;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final List<ManagedChannel> channels;
    private final List<BulkRegistrationServiceBlockingStub> stubs;
    private final AtomicInteger next = new AtomicInteger();

    GrpcRead(int port) {
        channels = IntStream.range(0, CHANNELS)
                .mapToObj(i -> ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build())
                .toList();
        stubs = channels.stream().map(BulkRegistrationServiceGrpc::newBlockingStub).toList();
    }

    Result measure(String jobId, Duration warmUp, Duration measure) throws Exception {
        var get = GetBulkRegistrationRequest.newBuilder().setId(jobId).build();
        var list = ListResultsRequest.newBuilder().setId(jobId).build();
        if (stub().getBulkRegistration(get).getMentorCount() != 100 || results(list) != 100) {
            throw new IllegalStateException("gRPC read of " + jobId + " did not find 100 results");
        }
        var alone = LoadGenerator.run(RestRead.CONCURRENCY, warmUp, measure,
                () -> stub().getBulkRegistration(get).getId().equals(jobId));
        var withResults = LoadGenerator.run(RestRead.CONCURRENCY, warmUp, measure,
                () -> stub().getBulkRegistration(get).getId().equals(jobId) && results(list) == 100);
        return new Result(alone, withResults);
    }

    private int results(ListResultsRequest request) {
        var stream = stub().listResults(request);
        int n = 0;
        while (stream.hasNext()) {
            stream.next();
            n++;
        }
        return n;
    }

    /** The channels in turn, so that the 64 callers share them evenly. */
    private BulkRegistrationServiceBlockingStub stub() {
        return stubs.get(Math.floorMod(next.getAndIncrement(), CHANNELS))
                .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        for (var channel : channels) {
            channel.shutdownNow();
        }
        for (var channel : channels) {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
