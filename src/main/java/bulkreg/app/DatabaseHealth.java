package bulkreg.app;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.sql.SQLException;
import javax.sql.DataSource;

/** Readiness: UP while a pooled connection answers within two seconds. */
final class DatabaseHealth implements HealthCheck {

    private final DataSource dataSource;

    DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "database";
    }

    /** True while a pooled connection answers within two seconds. */
    boolean isUp() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public HealthCheckResponse call() {
        try (var connection = dataSource.getConnection()) {
            return HealthCheckResponse.builder().status(connection.isValid(2)).build();
        } catch (SQLException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getMessage()).build();
        }
    }
}
