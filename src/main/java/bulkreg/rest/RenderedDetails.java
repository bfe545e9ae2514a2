package bulkreg.rest;

import bulkreg.core.JobDetail;
import bulkreg.core.JobId;
import bulkreg.core.WeighedMap;

import java.io.IOException;
import java.lang.ref.WeakReference;

/**
 * The JSON of finished jobs' details, rendered once per detail the core hands out. The core answers a finished
 * job with the same {@link JobDetail} instance until the job changes (FinishedJobCache), so an answer is
 * reused only for that very instance: a changed job comes as a new instance and is rendered again. The
 * detail is held weakly (the core decides how long it lives); the bytes are bounded ({@link WeighedMap}).
 * Thread-safe.
 */
final class RenderedDetails {

    private record Rendered(WeakReference<JobDetail> detail, byte[] json) {
    }

    /** A renderer that may fail as Jackson does. */
    interface Renderer {
        byte[] render(JobDetail detail) throws IOException;
    }

    private final boolean shared;
    private final WeighedMap<JobId, Rendered> entries;

    /**
     * @param shared whether the core hands out one instance per finished job (its read cache is on); without
     *               that, nothing rendered could be reused and nothing is kept
     */
    RenderedDetails(long maxBytes, boolean shared) {
        this.shared = shared;
        this.entries = new WeighedMap<>(maxBytes, rendered -> rendered.json().length);
    }

    byte[] json(JobDetail detail, Renderer renderer) throws IOException {
        var id = detail.job().id();
        var held = entries.get(id);
        if (held != null && held.detail().get() == detail) {
            return held.json();
        }
        var json = renderer.render(detail);
        // One answer may take at most a quarter of the bytes, so a huge job cannot push out all others.
        if (shared && detail.job().status().isFinal() && entries.fits(json.length * 4L)) {
            entries.put(id, new Rendered(new WeakReference<>(detail), json));
        }
        return json;
    }
}
