package bulkreg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code BENCH_PROFILE=1}: records each phase of the bench twice, with Java Flight Recorder inside the service
 * (which Java code runs, by stack) and with Linux {@code perf} over the whole machine (which process uses the
 * cores: the service, PostgreSQL's backends or the bench's own clients, and inside PostgreSQL, which of its
 * functions). Each phase leaves {@code <phase>.jfr}, {@code <phase>.perf.data} and a readable
 * {@code <phase>.txt} in target/bench/profile. Off, it runs the phases and records nothing.
 */
final class Profiler {

    /** The jcmd beside the java running the bench, the same JDK as the service's. */
    private static final String JCMD = ProcessHandle.current().info().command()
            .map(java -> Path.of(java).resolveSibling("jcmd").toString()).orElse("jcmd");

    private final boolean on;
    private final long serverPid;
    private final Path dir;
    private final boolean perf;

    Profiler(boolean on, long serverPid, Path dir) throws IOException {
        this.on = on;
        this.serverPid = serverPid;
        this.dir = dir;
        this.perf = on && perfWorks();
        if (on) {
            Files.createDirectories(dir);
        }
    }

    <T> T phase(String name, Callable<T> work) throws Exception {
        if (!on) {
            return work.call();
        }
        var jfr = dir.resolve(name + ".jfr");
        var perfData = dir.resolve(name + ".perf.data");
        run(JCMD, String.valueOf(serverPid), "JFR.start", "name=" + name, "settings=profile",
                "filename=" + jfr.toAbsolutePath());
        var recorder = perf ? new ProcessBuilder("perf", "record", "-a", "-g", "-F", "499", "-o",
                perfData.toString()).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".perf.log").toFile())
                .start() : null;
        if (recorder != null) {
            Thread.sleep(500); // perf takes a moment before it records
        }
        try {
            return work.call();
        } finally {
            run(JCMD, String.valueOf(serverPid), "JFR.stop", "name=" + name);
            if (recorder != null) {
                run("kill", "-INT", String.valueOf(recorder.pid()));
                recorder.waitFor(60, TimeUnit.SECONDS);
            }
            summarize(name, jfr, perf ? perfData : null);
        }
    }

    private void summarize(String name, Path jfr, Path perfData) throws Exception {
        var text = new ArrayList<String>();
        text.add("# " + name + ": service pid " + serverPid + ", bench pid " + ProcessHandle.current().pid());
        if (perfData != null) {
            text.add("\n## CPU by process over the whole machine (perf, all cores)");
            text.addAll(head(output("perf", "report", "-i", perfData.toString(), "--stdio", "--no-children",
                    "--sort", "pid", "-g", "none"), 30));
            text.add("\n## Inside PostgreSQL: functions by own CPU (perf)");
            text.addAll(head(output("perf", "report", "-i", perfData.toString(), "--stdio", "--no-children",
                    "--comm", "postgres", "--sort", "sym", "-g", "none"), 50));
            text.add("\n## Inside PostgreSQL: functions including their callees (perf)");
            text.addAll(head(output("perf", "report", "-i", perfData.toString(), "--stdio", "--children",
                    "--comm", "postgres", "--sort", "sym", "-g", "none"), 60));
        }
        text.add("\n## Inside the service (JFR execution samples)");
        text.addAll(JfrSummary.of(jfr).lines());
        Files.write(dir.resolve(name + ".txt"), text);
    }

    /** Whether Linux perf is installed and may record here; without it, the profile is JFR's alone. */
    private static boolean perfWorks() {
        try {
            return new ProcessBuilder("perf", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> head(List<String> lines, int n) {
        return lines.stream().filter(l -> !l.isBlank() && !l.startsWith("# ") && !l.equals("#")).limit(n).toList();
    }

    private static void run(String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static List<String> output(String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var lines = new String(process.getInputStream().readAllBytes()).lines().toList();
        process.waitFor(120, TimeUnit.SECONDS);
        return lines;
    }
}
