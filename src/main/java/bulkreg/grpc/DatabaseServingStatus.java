package bulkreg.grpc;

import bulkreg.grpc.v1.BulkRegistrationServiceGrpc;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The standard health service ({@code grpc.health.v1.Health}): SERVING while the database answers,
 * NOT_SERVING while it does not, checked every {@code interval} (Check answers from the last result and
 * Watch streams each change, so health probes never wait on the database). NOT_SERVING for good once the
 * server starts shutting down.
 */
final class DatabaseServingStatus implements AutoCloseable {

    private static final String SERVICE = BulkRegistrationServiceGrpc.SERVICE_NAME;

    private final HealthStatusManager health = new HealthStatusManager();
    private final BooleanSupplier databaseUp;
    private final ScheduledExecutorService checks;
    private final AtomicBoolean closed = new AtomicBoolean();

    DatabaseServingStatus(BooleanSupplier databaseUp, Duration interval) {
        this.databaseUp = databaseUp;
        this.checks = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("grpc-health").factory());
        update();
        checks.scheduleWithFixedDelay(this::update, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    BindableService service() {
        return health.getHealthService();
    }

    private void update() {
        var status = databaseUp.getAsBoolean() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        health.setStatus(SERVICE, status);
    }

    /** Idempotent: grpc-java logs a stack trace when the terminal state is entered twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            checks.shutdownNow();
            health.enterTerminalState();
        }
    }
}
