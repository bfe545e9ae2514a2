package bulkreg.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The service as `make run` starts it (same jar, same JVM options), in a process of its own. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    final int httpPort;
    final int grpcPort;

    private ServerProcess(Process process, int httpPort, int grpcPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
    }

    static ServerProcess start(Path jar, String jvmOptions, String databaseUrl, Path log) throws Exception {
        return start(jar, jvmOptions, databaseUrl, log, Map.of());
    }

    /** The service with these environment variables besides the bench's own. */
    static ServerProcess start(Path jar, String jvmOptions, String databaseUrl, Path log, Map<String, String> env)
            throws Exception {
        int http = freePort();
        int grpc = freePort();
        var javaBin = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>();
        command.add(javaBin);
        command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("PORT", String.valueOf(http), "GRPC_PORT", String.valueOf(grpc),
                "DATABASE_URL", databaseUrl, "BENCH_ROUTE", "true"));
        builder.environment().putAll(env);
        var server = new ServerProcess(builder.start(), http, grpc);
        server.awaitHealthy(Duration.ofSeconds(60), log);
        return server;
    }

    long pid() {
        return process.pid();
    }

    /** The most resident memory the server process has used so far (VmHWM), in MiB. */
    double peakRssMib() throws IOException {
        return peakRssMib(process.pid());
    }

    /** CPU time the server process has used so far. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The most resident memory a process has used so far (VmHWM), in MiB. */
    static double peakRssMib(long pid) throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private void awaitHealthy(Duration timeout, Path log) throws Exception {
        var client = HttpClient.newHttpClient();
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited; see " + log);
            }
            try {
                var response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/observe/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not become healthy in " + timeout + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
