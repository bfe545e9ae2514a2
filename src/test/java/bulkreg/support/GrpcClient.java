package bulkreg.support;

import bulkreg.grpc.v1.BulkRegistration;
import bulkreg.grpc.v1.BulkRegistrationServiceGrpc;
import bulkreg.grpc.v1.CreateBulkRegistrationRequest;
import bulkreg.grpc.v1.GetBulkRegistrationRequest;
import bulkreg.grpc.v1.JobStatus;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** A plain grpc-java client of the running application, with fixtures and assertions in the domain's language. */
public final class GrpcClient implements AutoCloseable {

    private final ManagedChannel channel;

    private GrpcClient(ManagedChannel channel) {
        this.channel = channel;
    }

    public static GrpcClient to(TestApp app) {
        return to(app.grpcPort());
    }

    /** A client of the service listening for gRPC on {@code port} (another process, say). */
    public static GrpcClient to(int port) {
        return new GrpcClient(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }

    /**
     * A client whose HTTP/2 receive window stays at {@code bytes} (no automatic growth), so that a reader that
     * does not read soon pushes back on the server.
     */
    public static GrpcClient withWindow(TestApp app, int bytes) {
        return new GrpcClient(NettyChannelBuilder.forAddress("127.0.0.1", app.grpcPort()).usePlaintext()
                .flowControlWindow(bytes).build());
    }

    public ManagedChannel channel() {
        return channel;
    }

    public BulkRegistrationServiceGrpc.BulkRegistrationServiceBlockingStub blocking() {
        return BulkRegistrationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    public BulkRegistrationServiceGrpc.BulkRegistrationServiceStub async() {
        return BulkRegistrationServiceGrpc.newStub(channel);
    }

    /** A group workshop on 2026-03-28 for {@code prefix-1 ... prefix-N}. */
    public static CreateBulkRegistrationRequest.Builder workshopFor(String prefix, int count) {
        return CreateBulkRegistrationRequest.newBuilder()
                .setCoordinatorId("coord-42")
                .addAllMentorIds(Requests.mentors(prefix, count))
                .setActivityType("group_workshop")
                .setActivityDate("2026-03-28")
                .setDurationMinutes(120)
                .setNotes("Spring semester kick-off workshop");
    }

    /** Polls Get until the job has the status. */
    public BulkRegistration awaitStatus(String id, JobStatus status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var job = blocking().getBulkRegistration(GetBulkRegistrationRequest.newBuilder().setId(id).build());
            if (job.getStatus() == status) {
                return job;
            }
            pause(50);
        }
        return fail(id + " never reached " + status);
    }

    /** Runs a call that must fail with {@code code}, and returns the failure. */
    public static StatusRuntimeException refused(Status.Code code, Executable call) {
        var e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), () -> "status: " + e.getStatus());
        return e;
    }

    /** The field violations of the failure's google.rpc.BadRequest, as "field CODE message". */
    public static List<String> violations(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(d -> d.is(BadRequest.class))
                .flatMap(d -> unpack(d, BadRequest.class).getFieldViolationsList().stream())
                .map(v -> v.getField() + " " + v.getReason() + " " + v.getDescription()).toList();
    }

    public static ErrorInfo errorInfo(StatusRuntimeException e) {
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(d -> d.is(ErrorInfo.class))
                .map(d -> unpack(d, ErrorInfo.class)).findFirst().orElseGet(() -> fail("no ErrorInfo in " + e));
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.protobuf.Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
