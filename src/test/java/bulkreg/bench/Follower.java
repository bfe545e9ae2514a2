package bulkreg.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * What one subscriber of the fan-out saw: each event's sequence and the moment (System.nanoTime) it was
 * delivered, whether the final state arrived, and how the stream ended. Written by the subscriber's own
 * callbacks (one at a time, as both transports deliver them) and read once every stream has ended or the
 * wait for them has timed out (hence synchronized, uncontended).
 */
final class Follower {

    private final CountDownLatch subscribed;
    private final CountDownLatch ended;
    /** The subscribers' permit to be subscribing, returned at the snapshot or at an earlier end. */
    private final Semaphore subscribing;
    private long[] sequences = new long[16];
    private long[] arrivals = new long[16];
    private int count;
    private volatile boolean snapshot;
    private volatile boolean finalState;
    private volatile boolean done;
    private volatile String failure;

    Follower(CountDownLatch subscribed, CountDownLatch ended, Semaphore subscribing) {
        this.subscribed = subscribed;
        this.ended = ended;
        this.subscribing = subscribing;
    }

    /** The stream's first event, the job's state when it began: the subscriber is in place. */
    void snapshot() {
        if (!snapshot) {
            snapshot = true;
            subscribed.countDown();
            subscribing.release();
        }
    }

    /** A change of the job, delivered at {@code arrivedNanos}; the final state if it ends the job completed. */
    synchronized void event(long sequence, long arrivedNanos, boolean isFinalState) {
        if (count == sequences.length) {
            sequences = Arrays.copyOf(sequences, count * 2);
            arrivals = Arrays.copyOf(arrivals, count * 2);
        }
        sequences[count] = sequence;
        arrivals[count] = arrivedNanos;
        count++;
        finalState |= isFinalState;
    }

    /** The server ended the stream normally. */
    void completed() {
        end(null);
    }

    void failed(String why) {
        end(why);
    }

    private void end(String why) {
        if (done) {
            return;
        }
        failure = why;
        done = true;
        if (!snapshot) {
            subscribed.countDown();
            subscribing.release();
        }
        ended.countDown();
    }

    synchronized int count() {
        return count;
    }

    synchronized long sequence(int i) {
        return sequences[i];
    }

    synchronized long arrival(int i) {
        return arrivals[i];
    }

    boolean sawFinalState() {
        return finalState;
    }

    boolean subscribed() {
        return snapshot;
    }

    String failure() {
        return failure;
    }
}
