package bulkreg.support;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.regex.Pattern;

/**
 * The application's threads, virtual ones included, as a thread dump sees them: the job-event subscriptions
 * run on virtual threads named {@code events-<sequence>}, so their number tells how many streams the server
 * is still serving.
 */
public final class ServerThreads {

    private static final Pattern EVENT_SUBSCRIPTION = Pattern.compile("\"name\": \"events-\\d+\"");

    private ServerThreads() {
    }

    public static int eventSubscriptions() {
        try {
            var dir = Files.createTempDirectory("threads");
            var file = dir.resolve("dump.json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            var dump = Files.readString(file);
            Files.delete(file);
            Files.delete(dir);
            return (int) EVENT_SUBSCRIPTION.matcher(dump).results().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to five seconds for the number of event subscriptions to be {@code expected}. */
    public static int awaitEventSubscriptions(int expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        int now = eventSubscriptions();
        while (now != expected && System.nanoTime() < deadline) {
            GrpcClient.pause(100);
            now = eventSubscriptions();
        }
        return now;
    }
}
