package bulkreg.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A recording's execution samples, read three ways: by the method on top of the stack (own time), by every
 * method on the stack (time including callees), and by the service's own code only (bulkreg.*, including
 * callees), which tells which request path or job step the time belongs to. Also the GC pauses.
 */
record JfrSummary(List<String> lines) {

    private static final int TOP = 30;

    static JfrSummary of(Path jfr) throws Exception {
        var own = new HashMap<String, Integer>();
        var total = new HashMap<String, Integer>();
        var service = new HashMap<String, Integer>();
        int samples = 0;
        long pauseNanos = 0;
        int pauses = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            var type = event.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                pauses++;
                pauseNanos += event.getDuration("sumOfPauses").toNanos();
            }
            if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            var frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                own.merge(name(frames.getFirst()), 1, Integer::sum);
            }
            var seen = new HashSet<String>();
            for (RecordedFrame frame : frames) {
                var method = name(frame);
                if (seen.add(method)) {
                    total.merge(method, 1, Integer::sum);
                    if (method.startsWith("bulkreg.")) {
                        service.merge(method, 1, Integer::sum);
                    }
                }
            }
        }
        var lines = new ArrayList<String>();
        lines.add(samples + " samples (about one per 10-20 ms of a running Java thread); GC: " + pauses
                + " collections, " + pauseNanos / 1_000_000 + " ms paused in all");
        table(lines, "own time (top of stack)", own, samples);
        table(lines, "including callees, every method", total, samples);
        table(lines, "including callees, the service's own code", service, samples);
        return new JfrSummary(lines);
    }

    private static String name(RecordedFrame frame) {
        var method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static void table(List<String> lines, String title, Map<String, Integer> counts, int samples) {
        lines.add("\n### " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> lines.add("%6.1f%%  %6d  %s".formatted(100.0 * e.getValue() / Math.max(1, samples),
                        e.getValue(), e.getKey())));
    }
}
