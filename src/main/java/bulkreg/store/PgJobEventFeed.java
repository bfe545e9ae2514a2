package bulkreg.store;

import bulkreg.core.JobEventHub;
import bulkreg.core.JobEventLog;
import org.postgresql.PGConnection;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Follows the job-event log into this instance's {@link JobEventHub}: LISTENs on a connection of its own and
 * reads the log after each notification, and also every {@code pollInterval} in case a notification was
 * lost with a dropped connection. Reading by sequence number, it never skips or repeats an event.
 */
public final class PgJobEventFeed implements AutoCloseable {

    static final String CHANNEL = "bulkreg_job_events";
    private static final System.Logger LOG = System.getLogger(PgJobEventFeed.class.getName());
    private static final int PAGE = 1000;

    private final DataSource dataSource;
    private final JobEventLog log;
    private final JobEventHub hub;
    private final Duration pollInterval;
    private final Thread thread;
    private volatile boolean running = true;

    public PgJobEventFeed(DataSource dataSource, JobEventLog log, JobEventHub hub, Duration pollInterval) {
        this.dataSource = dataSource;
        this.log = log;
        this.hub = hub;
        this.pollInterval = pollInterval;
        this.thread = Thread.ofVirtual().name("job-event-feed").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try (var connection = dataSource.getConnection()) {
                try (var st = connection.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                var listener = connection.unwrap(PGConnection.class);
                while (running) {
                    catchUp();
                    listener.getNotifications((int) pollInterval.toMillis());
                }
            } catch (SQLException | RuntimeException e) {
                hub.feedLost();
                if (running) {
                    LOG.log(Level.WARNING, "Job-event feed lost its connection (" + e.getMessage()
                            + "); reconnecting in " + pollInterval);
                    pause();
                }
            }
        }
    }

    private void catchUp() {
        while (true) {
            var events = log.after(hub.latest(), PAGE);
            hub.append(events);
            if (events.size() < PAGE) {
                hub.caughtUp();
                return;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
