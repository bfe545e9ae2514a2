package bulkreg.core;

/**
 * What one chunk transaction did.
 *
 * @param held       false when the lease was lost or the job stopped processing: the worker must let go
 * @param status     the job's status after the chunk
 * @param position   where the job's main pass stands after the chunk: the first item not yet processed (the
 *                   job's length once the main pass is over); meaningless when not held
 * @param registered activities created by the chunk
 * @param failed     items that failed in the chunk
 */
public record ChunkOutcome(boolean held, JobStatus status, int position, int registered, int failed) {

    public static ChunkOutcome letGo(JobStatus status) {
        return new ChunkOutcome(false, status, -1, 0, 0);
    }

    /** A range that was not written because the main pass does not stand at its start. */
    public static ChunkOutcome outOfTurn(int position) {
        return new ChunkOutcome(true, JobStatus.PROCESSING, position, 0, 0);
    }

    /** True while the worker should go on with the next chunk. */
    public boolean more() {
        return held && status == JobStatus.PROCESSING;
    }
}
