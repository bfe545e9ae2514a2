package bulkreg.core;

import java.time.Duration;

/**
 * How this instance's workers take and process jobs.
 *
 * @param owner        this instance's name, unique among instances; each worker leases under it plus its number
 * @param workers      jobs processed at once by this instance; 0 for an instance that only serves requests
 * @param chunkSize    items written per transaction (and per progress event)
 * @param parallel     chunk transactions of one job in flight at once, each on a connection of its own
 * @param lease        how long a claim lasts without renewal; another instance takes over after it
 * @param pollInterval how often an idle worker looks for work nobody announced
 * @param maxAttempts  consecutive unexpected chunk failures before the job itself is marked failed
 */
public record WorkerSettings(String owner, int workers, int chunkSize, int parallel, Duration lease,
                             Duration pollInterval, int maxAttempts) {
}
