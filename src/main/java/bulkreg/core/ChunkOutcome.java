package bulkreg.core;

/**
 * What one chunk transaction did.
 *
 * @param held       false when the lease was lost or the job stopped processing: the worker must let go
 * @param status     the job's status after the chunk
 * @param registered activities created by the chunk
 * @param failed     items that failed in the chunk
 */
public record ChunkOutcome(boolean held, JobStatus status, int registered, int failed) {

    public static ChunkOutcome letGo(JobStatus status) {
        return new ChunkOutcome(false, status, 0, 0);
    }

    /** True while the worker should go on with the next chunk. */
    public boolean more() {
        return held && status == JobStatus.PROCESSING;
    }
}
