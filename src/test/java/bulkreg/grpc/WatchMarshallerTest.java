package bulkreg.grpc;

import bulkreg.core.ActivityId;
import bulkreg.core.ItemStatus;
import bulkreg.core.JobEvent;
import bulkreg.core.JobEventKind;
import bulkreg.core.JobId;
import bulkreg.core.JobStatus;
import bulkreg.core.MentorResult;
import bulkreg.grpc.v1.BulkRegistrationServiceGrpc;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watch responses built and encoded once per event and variant, written from those bytes. */
class WatchMarshallerTest {

    private static final String WATCH = BulkRegistrationServiceGrpc.getWatchBulkRegistrationMethod()
            .getFullMethodName();

    private final StreamGauge gauge = new StreamGauge();
    private final WatchResponses responses = new WatchResponses(e -> List.of(new MentorResult(0, "mentor-1",
            ItemStatus.SUCCESS, Optional.of(new ActivityId(12)), Optional.empty())), gauge);
    private final ServerServiceDefinition service = WatchMarshaller.install(
            new BulkRegistrationServiceGrpc.BulkRegistrationServiceImplBase() { }.bindService(), responses);

    @Test
    void everyWatcherOfAnEventGetsTheSameMessageOfItsVariantEncodedOnce() throws IOException {
        var event = event(JobEventKind.PROGRESSED);
        var full = responses.full(event);
        var progress = responses.progress(event);

        assertSame(full, responses.full(event));
        assertSame(progress, responses.progress(event));
        assertEquals(1, full.getChangedResultsCount());
        assertEquals(List.of(0), full.getEvent().getChangedPositionsList());
        assertEquals(0, progress.getChangedResultsCount());
        assertEquals(0, progress.getEvent().getChangedPositionsCount());
        for (int watcher = 0; watcher < 3; watcher++) {
            assertArrayEquals(full.toByteArray(), written(full));
            assertArrayEquals(progress.toByteArray(), written(progress));
        }
        assertEquals(2, gauge.responsesEncoded());
    }

    @Test
    void aSnapshotOrAnyOtherMessageIsEncodedByProtobufForItsOwnWatcher() throws IOException {
        var shared = responses.progress(event(JobEventKind.PROGRESSED));
        var snapshot = responses.full(event(JobEventKind.SNAPSHOT));
        var lookAlike = shared.toBuilder().build();

        assertArrayEquals(snapshot.toByteArray(), written(snapshot));
        assertArrayEquals(lookAlike.toByteArray(), written(lookAlike));
        assertTrue(responses.bytes(snapshot).isEmpty());
        assertTrue(responses.bytes(lookAlike).isEmpty(), "an equal message that is not the shared one");
        assertEquals(1, gauge.responsesEncoded());
    }

    @Test
    void theOtherMethodsAndTheSchemaStayAsTheyWere() {
        var original = new BulkRegistrationServiceGrpc.BulkRegistrationServiceImplBase() { }.bindService();

        assertSame(original.getServiceDescriptor().getSchemaDescriptor(),
                service.getServiceDescriptor().getSchemaDescriptor());
        assertEquals(original.getMethods().size(), service.getMethods().size());
        for (var method : original.getMethods()) {
            var name = method.getMethodDescriptor().getFullMethodName();
            var installed = service.getMethod(name).getMethodDescriptor();
            assertEquals(name.equals(WATCH), installed.getResponseMarshaller() instanceof WatchMarshaller, name);
            assertSame(method.getMethodDescriptor().getRequestMarshaller(), installed.getRequestMarshaller());
        }
    }

    @SuppressWarnings("unchecked")
    private byte[] written(WatchBulkRegistrationResponse message) throws IOException {
        var watch = (MethodDescriptor<?, WatchBulkRegistrationResponse>) service.getMethod(WATCH)
                .getMethodDescriptor();
        try (var in = watch.streamResponse(message)) {
            return in.readAllBytes();
        }
    }

    private static JobEvent event(JobEventKind kind) {
        return new JobEvent(41, new JobId(3), "coord-1", kind, JobStatus.PROCESSING, 1, 0, 2, List.of(0),
                Instant.parse("2026-03-28T10:00:00Z"));
    }
}
