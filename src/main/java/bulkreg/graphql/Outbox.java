package bulkreg.graphql;

import io.helidon.websocket.WsSession;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One WebSocket's sending side. Frames from several operations, the keep-alive and the reader must not
 * interleave, so each send holds a lock (not {@code synchronized}: it blocks on I/O, on virtual threads).
 * A send returns once the frame is written, which is what lets a stream ask for its next event only then.
 */
final class Outbox {

    private final WsSession session;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    Outbox(WsSession session) {
        this.session = session;
    }

    /** Sends a message; false when the socket is closed. */
    boolean send(String message) {
        return send(message, () -> true);
    }

    /**
     * Sends a message if {@code wanted} still holds once this sender has the socket, so that an operation the
     * client completed sends nothing more; false when nothing was sent.
     */
    boolean send(String message, BooleanSupplier wanted) {
        lock.lock();
        try {
            if (closed || !wanted.getAsBoolean()) {
                return false;
            }
            session.send(message, true);
            return true;
        } catch (RuntimeException e) {
            closed = true;
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the socket with a protocol close code; later sends are dropped. */
    void close(int code, String reason) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close(code, reason);
        } catch (RuntimeException e) {
            // the peer is gone already: nothing left to tell it
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
