package bulkreg.bench;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each job event was committed, as the bench sees it: the service's event log notifies the channel
 * {@code bulkreg_job_events} with the event's sequence from inside the inserting transaction, and PostgreSQL
 * delivers a notification only when that transaction commits. A connection of the bench's own LISTENs and
 * notes the moment (System.nanoTime) each sequence arrives. That moment is at or just after the commit.
 */
final class CommitClock implements AutoCloseable {

    private static final String CHANNEL = "bulkreg_job_events";

    private final Connection connection;
    private final Map<Long, Long> notified = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;

    CommitClock(String databaseUrl) throws SQLException {
        connection = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
        try (var st = connection.createStatement()) {
            st.execute("LISTEN " + CHANNEL);
        }
        listener = Thread.ofPlatform().daemon().name("bench-commit-clock").start(this::listen);
    }

    /** When the event's commit was notified, if it was. */
    OptionalLong notifiedAt(long sequence) {
        var at = notified.get(sequence);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Every event notified at or after {@code nanos}: its sequence and when. */
    Map<Long, Long> notifiedSince(long nanos) {
        var since = new HashMap<Long, Long>();
        notified.forEach((sequence, at) -> {
            if (at >= nanos) {
                since.put(sequence, at);
            }
        });
        return since;
    }

    private void listen() {
        try {
            var pg = connection.unwrap(PGConnection.class);
            while (running) {
                var notifications = pg.getNotifications(100);
                long now = System.nanoTime();
                for (var n : notifications) {
                    notified.putIfAbsent(Long.parseLong(n.getParameter()), now);
                }
            }
        } catch (SQLException e) {
            if (running) {
                System.err.println("commit clock stopped: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        listener.join(2_000);
        connection.close();
    }
}
