package bulkreg.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One instance of the service as operators run it: the real jar ({@code target/bulkreg.jar}, built by
 * {@code package}, which runs before the integration tests) in an OS process of its own, against a shared
 * PostgreSQL. It picks free ports itself (PORT=0) and this class reads them from its log line
 * "bulkreg listening on port N (HTTP) and M (gRPC)", so there is no race for a port.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "bulkreg.jar");
    private static final Path LOGS = Path.of("target", "service-processes");
    private static final Pattern LISTENING =
            Pattern.compile("bulkreg listening on port (\\d+) \\(HTTP\\) and (\\d+) \\(gRPC\\)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path log;
    private int port;
    private int grpcPort;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Settings every test instance shares: short leases and polls, so that take-overs are quick to observe. */
    public static Map<String, String> settings(String databaseUrl) {
        var env = new LinkedHashMap<String, String>();
        env.put("DATABASE_URL", databaseUrl);
        env.put("PORT", "0");
        env.put("GRPC_PORT", "0");
        env.put("BIND_ADDRESS", "127.0.0.1");
        env.put("LEASE", "PT3S");
        env.put("POLL_INTERVAL", "PT0.2S");
        env.put("CHUNK_SIZE", "100");
        env.put("WORKERS", "2");
        return env;
    }

    /** Starts the process and returns at once; {@link #awaitListening()} waits for it to serve. */
    public static ServiceProcess launch(String name, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the integration tests through `mvn verify`");
        }
        try {
            Files.createDirectories(LOGS);
            var log = LOGS.resolve(name + "-" + System.nanoTime() + ".log");
            var java = ProcessHandle.current().info().command().orElse("java");
            var command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", JAR.toString()));
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("DATABASE_") || key.endsWith("PORT"));
            builder.environment().putAll(settings);
            var process = builder.start();
            // Should the test JVM end early (a timeout, Ctrl-C), the instance must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new ServiceProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process and waits until it listens. */
    public static ServiceProcess start(String name, Map<String, String> settings) {
        return launch(name, settings).awaitListening();
    }

    /** Waits for the log line that names the ports; fails at once if the process dies first. */
    public ServiceProcess awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            var matcher = LISTENING.matcher(log());
            if (matcher.find()) {
                port = Integer.parseInt(matcher.group(1));
                grpcPort = Integer.parseInt(matcher.group(2));
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            Poll.pause(50);
        }
        throw new IllegalStateException(name + " did not listen within " + START_TIMEOUT + ":\n" + log());
    }

    public Api api() {
        return new Api(port);
    }

    public int port() {
        return port;
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** The owner name its workers write into leases starts with this. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no released lease, connections cut by the kernel. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM, as an orchestrator sends before it stops a container; returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout + ":\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the process has logged so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
