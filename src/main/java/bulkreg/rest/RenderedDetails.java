package bulkreg.rest;

import bulkreg.core.JobDetail;
import bulkreg.core.JobId;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON of finished jobs' details, rendered once per detail the core hands out. The core answers a finished
 * job with the same {@link JobDetail} instance until the job changes (FinishedJobCache), so an answer is
 * reused only for that very instance: a changed job comes as a new instance and is rendered again. The
 * detail is held weakly (the core decides how long it lives); the bytes are bounded, and when full, whichever
 * entries the map yields first make room (any of them is as likely to be read again). Thread-safe.
 */
final class RenderedDetails {

    private record Rendered(WeakReference<JobDetail> detail, byte[] json) {
    }

    /** A renderer that may fail as Jackson does. */
    interface Renderer {
        byte[] render(JobDetail detail) throws IOException;
    }

    private final long maxBytes;
    private final boolean shared;
    private final ConcurrentHashMap<JobId, Rendered> entries = new ConcurrentHashMap<>();
    private final AtomicLong heldBytes = new AtomicLong();

    /**
     * @param shared whether the core hands out one instance per finished job (its read cache is on); without
     *               that, nothing rendered could be reused and nothing is kept
     */
    RenderedDetails(long maxBytes, boolean shared) {
        this.maxBytes = maxBytes;
        this.shared = shared;
    }

    byte[] json(JobDetail detail, Renderer renderer) throws IOException {
        var id = detail.job().id();
        var held = entries.get(id);
        if (held != null && held.detail().get() == detail) {
            return held.json();
        }
        var json = renderer.render(detail);
        if (shared && detail.job().status().isFinal() && json.length <= maxBytes / 4) {
            keep(id, new Rendered(new WeakReference<>(detail), json));
        }
        return json;
    }

    private void keep(JobId id, Rendered rendered) {
        var previous = entries.put(id, rendered);
        heldBytes.addAndGet(rendered.json().length - (previous == null ? 0 : previous.json().length));
        var others = entries.entrySet().iterator();
        while (heldBytes.get() > maxBytes && others.hasNext()) {
            var victim = others.next();
            if (!victim.getKey().equals(id) && entries.remove(victim.getKey(), victim.getValue())) {
                heldBytes.addAndGet(-victim.getValue().json().length);
            }
        }
    }
}
