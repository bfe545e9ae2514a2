package bulkreg.bench;

import bulkreg.app.EmbeddedDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.helidon.logging.common.LogConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * {@code make bench}: starts PostgreSQL and the service as `make run` would, measures every figure beside its
 * reference in the same run, prints a table and writes target/bench/results.json. BENCH_QUICK=1 shortens
 * every phase; BENCH_PROFILE=1 profiles every phase ({@link Profiler}); BENCH_ONLY=bulk,reads,fan-out (any of
 * them) runs only those phases.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        LogConfig.configureRuntime();
        boolean quick = "1".equals(System.getenv("BENCH_QUICK"));
        var out = Path.of("target/bench");
        deleteRecursively(out);
        Files.createDirectories(out);
        var jvmOptions = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "-Xms64m -Xmx256m -XX:+UseParallelGC");
        int repeats = quick ? 3 : 7;
        var warmUp = Duration.ofSeconds(quick ? 2 : 8);
        var measure = Duration.ofSeconds(quick ? 4 : 15);

        var results = new LinkedHashMap<String, Object>();
        results.put("date", Instant.now().toString());
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("quick", quick);
        var jar = Path.of("target/bulkreg.jar");
        try (var db = EmbeddedDatabase.start(out.resolve("postgres"), true);
             var server = ServerProcess.start(jar, jvmOptions, db.jdbcUrl(),
                     out.resolve("server.log"))) {
            var profiler = new Profiler("1".equals(System.getenv("BENCH_PROFILE")), server.pid(),
                    out.resolve("profile"));
            var only = List.of(System.getenv().getOrDefault("BENCH_ONLY", "bulk,reads,fan-out").split("\\s*,\\s*"));
            if (only.contains("bulk")) {
                var jobs = new ArrayList<BulkThroughput.Result>();
                try (var bulk = new BulkThroughput(server.httpPort, server.grpcPort, db.jdbcUrl())) {
                    for (int mentors : List.of(1_000, 10_000)) {
                        jobs.add(profiler.phase("bulk-" + mentors, () -> bulk.measure(mentors, quick ? 1 : 3, repeats)));
                    }
                }
                results.put("bulk", jobs);
                printBulk(jobs);
            }
            if (only.contains("reads")) {
                var rest = new RestRead(server.httpPort);
                var jobId = rest.prepareJob();
                var read = profiler.phase("rest-read", () -> rest.measure(jobId, warmUp, measure));
                results.put("rest_read", read);
                // A second instance that reads every job from PostgreSQL: what a job still processing costs.
                Stats uncached;
                try (var plain = ServerProcess.start(jar, jvmOptions, db.jdbcUrl(), out.resolve("server-uncached.log"),
                        Map.of("READ_CACHE_RESULTS", "0", "WORKERS", "0"))) {
                    uncached = profiler.phase("rest-read-uncached",
                            () -> new RestRead(plain.httpPort).measureJob(jobId, warmUp, measure));
                }
                results.put("rest_read_uncached", uncached);
                printRest(read, uncached);
                var graphQl = profiler.phase("graphql-read",
                        () -> new GraphQlRead(server.httpPort).measure(jobId, warmUp, measure));
                results.put("graphql_read", graphQl);
                var grpc = profiler.phase("grpc-read", () -> grpcRead(server.grpcPort, jobId, warmUp, measure));
                results.put("grpc_read", grpc);
                printReads(read.job(), graphQl, grpc);
            }
            if (only.contains("fan-out")) {
                // CPU beside the fan-out, to tell the service's share from the load's on a shared machine.
                var serverCpu = server.cpuTime();
                var benchCpu = benchCpuTime();
                int rounds = quick ? 1 : 3;
                int warmUps = Integer.parseInt(System.getenv().getOrDefault("BENCH_FANOUT_WARMUPS", quick ? "1" : "3"));
                var counted = fanOutRounds(warmUps, new FanOut(server.httpPort, server.grpcPort, db.jdbcUrl(),
                        Duration.ofSeconds(quick ? 60 : 90), profiler), rounds);
                var fanOut = counted.stream().sorted(Comparator.comparingDouble(FanOutResult::allP99Millis))
                        .toList().get(counted.size() / 2); // the round with the median p99
                int all = warmUps + rounds; // the warm-up rounds included
                var cpu = new FanOutCpu(all, server.cpuTime().minus(serverCpu).toMillis() / 1000.0 / all,
                        benchCpuTime().minus(benchCpu).toMillis() / 1000.0 / all);
                results.put("fan_out", fanOut);
                results.put("fan_out_rounds_p99_millis", counted.stream().map(FanOutResult::allP99Millis).toList());
                results.put("fan_out_cpu", cpu);
                printFanOut(fanOut, counted, cpu);
            }
            // VmHWM is the peak over the server's whole life: read last, it covers every phase, fan-out included.
            double rss = server.peakRssMib();
            double benchRss = ServerProcess.peakRssMib(ProcessHandle.current().pid());
            results.put("peak_rss_mib", rss);
            results.put("bench_peak_rss_mib", benchRss);
            System.out.printf("5. Peak server RSS over the run: %.0f MiB (target < 512 MiB %s); the bench's own: "
                    + "%.0f MiB%n", rss, rss < 512 ? "met" : "MISSED", benchRss);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("results.json").toFile(), results);
        System.out.println("Figures written to " + out.resolve("results.json"));
    }

    /** CPU seconds per fan-out round: the service's and the bench's own (the subscribers). */
    record FanOutCpu(int rounds, double serverSecondsPerRound, double benchSecondsPerRound) {
    }

    private static Duration benchCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static GrpcRead.Result grpcRead(int port, String jobId, Duration warmUp, Duration measure)
            throws Exception {
        try (var reads = new GrpcRead(port)) {
            return reads.measure(jobId, warmUp, measure);
        }
    }

    /**
     * The counted rounds (one in quick mode), after rounds that are not: they warm the code paths of both
     * sides, which no earlier phase runs (one warm-up round left the compilers busy in the measured ones:
     * BENCHMARKS.md).
     */
    private static List<FanOutResult> fanOutRounds(int warmUps, FanOut fanOut, int rounds) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            fanOut.measure();
        }
        var counted = new ArrayList<FanOutResult>();
        for (int i = 0; i < rounds; i++) {
            counted.add(fanOut.measure());
        }
        return counted;
    }

    private static void printBulk(List<BulkThroughput.Result> jobs) {
        System.out.println();
        System.out.println("1. Bulk registration, POST to completed (median)     service    COPY floor   ratio  target");
        for (var r : jobs) {
            System.out.printf("   %,7d mentors: %,9.0f mentors/s        %7.1f ms  %7.1f ms   %4.2fx  <= 1.5x %s%n",
                    r.mentors(), r.mentorsPerSecond(), r.jobMillis(), r.copyMillis(), r.ratio(),
                    r.mentors() == 10_000 ? (r.ratio() <= 1.5 ? "met" : "MISSED") : "");
        }
    }

    private static void printRest(RestRead.Result read, Stats uncached) {
        System.out.printf("2. REST GET of a job with 100 results (%d B), %d connections%n", read.bodyBytes(),
                RestRead.CONCURRENCY);
        row("service", read.job());
        row("bare route", read.bare());
        row("uncached", uncached);
        System.out.printf("   requests/s ratio %.2f (target >= 0.5 %s), p99 ratio %.2f (target <= 2 %s)%n",
                read.job().perSecond() / read.bare().perSecond(),
                read.job().perSecond() >= read.bare().perSecond() / 2 ? "met" : "MISSED",
                read.job().p99Millis() / read.bare().p99Millis(),
                read.job().p99Millis() <= 2 * read.bare().p99Millis() ? "met" : "MISSED");
    }

    private static void printReads(Stats rest, Stats graphQl, GrpcRead.Result grpc) {
        System.out.printf("3. The same read through GraphQL and gRPC, %d concurrent callers, as ratios to REST%n",
                RestRead.CONCURRENCY);
        readRow("GraphQL POST /graphql (job + 100 results)", graphQl, rest);
        readRow("gRPC Get + ListResults (job + 100 results)", grpc.getWithResults(), rest);
        readRow("gRPC GetBulkRegistration (job, no results)", grpc.get(), rest);
    }

    private static void readRow(String name, Stats s, Stats rest) {
        System.out.printf("   %-43s %,7.0f req/s (%4.2fx)  p99 %7.2f ms (%4.2fx)  errors %d%n", name,
                s.perSecond(), s.perSecond() / rest.perSecond(), s.p99Millis(), s.p99Millis() / rest.p99Millis(),
                s.errors());
    }

    private static void printFanOut(FanOutResult f, List<FanOutResult> counted, FanOutCpu cpu) {
        System.out.printf("4. Live fan-out on one %,d-mentor job: %d events to %d subscribers in %.1f s "
                        + "(the round with the median p99 of %s)%n", FanOut.MENTORS, f.events(),
                f.subscribers() + f.watchers(), f.secondsToLastDelivery(), counted.stream()
                        .map(round -> String.format("%.1f ms", round.allP99Millis())).toList());
        System.out.printf("   graphql-transport-ws: %,d of %,d subscribed, %,d got the final state; "
                + "lag p50 %.1f ms, p99 %.1f ms%n", f.subscribersConnected(), f.subscribers(),
                f.subscribersWithFinalState(), f.graphQlP50Millis(), f.graphQlP99Millis());
        System.out.printf("   gRPC Watch:           %,d of %,d subscribed, %,d got the final state; "
                + "lag p50 %.1f ms, p99 %.1f ms%n", f.watchersConnected(), f.watchers(),
                f.watchersWithFinalState(), f.grpcP50Millis(), f.grpcP99Millis());
        System.out.printf("   all %,d deliveries: lag from commit p99 %.1f ms (target < 100 ms %s); every subscriber "
                        + "got the final state: %s%n", f.deliveries(), f.allP99Millis(),
                f.allP99Millis() >= 0 && f.allP99Millis() < 100 ? "met" : "MISSED",
                f.everyoneGotTheFinalState() ? "yes" : "NO");
        System.out.printf("   CPU per round: service %.1f s, bench (the subscribers) %.1f s; events first seen by a "
                + "subscriber, not by the commit notification: %d of %d%n", cpu.serverSecondsPerRound(),
                cpu.benchSecondsPerRound(), f.eventsFirstSeenByASubscriber(), f.events());
        f.failures().forEach(failure -> System.out.println("   failure: " + failure));
    }

    private static void row(String name, Stats s) {
        System.out.printf("   %-10s %,9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   errors %d%n", name, s.perSecond(),
                s.p50Millis(), s.p99Millis(), s.errors());
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (var p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
