-- A bulk registration job. Its mentor items are the mentor_ids array (one row write per job, in request
-- order); an item's state is derived: it succeeded when an activity of this job exists for the mentor, it
-- failed when a bulk_failure row exists, and otherwise it is pending (position >= next_index) or cancelled.
CREATE TABLE bulk_job (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    coordinator_id      text        NOT NULL,
    activity_type       text        NOT NULL,
    activity_date       date        NOT NULL,
    duration_minutes    integer     NOT NULL,
    notes               text,
    override_duplicates boolean     NOT NULL,
    mentor_ids          text[]      NOT NULL,
    mentor_count        integer     NOT NULL,
    status              text        NOT NULL CHECK (status IN ('processing', 'completed', 'cancelled', 'failed')),
    next_index          integer     NOT NULL DEFAULT 0,  -- items before this position have been processed
    pending_retries     integer     NOT NULL DEFAULT 0,  -- failed items re-queued by a retry, not yet processed
    success_count       integer     NOT NULL DEFAULT 0,
    failure_count       integer     NOT NULL DEFAULT 0,
    retry_count         integer     NOT NULL DEFAULT 0,
    failure_reason      text,                            -- why the job itself failed
    lease_owner         text,
    lease_until         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    completed_at        timestamptz,
    deleted_at          timestamptz                      -- deleted jobs stay as the origin of their activities
);

CREATE INDEX bulk_job_runnable ON bulk_job (id) WHERE status = 'processing' AND deleted_at IS NULL;
CREATE INDEX bulk_job_by_coordinator ON bulk_job (coordinator_id, id DESC) WHERE deleted_at IS NULL;

-- No foreign key to bulk_job: jobs are never removed, and a per-row check would slow the bulk write.
CREATE TABLE participation_activity (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mentor_id        text        NOT NULL,
    activity_type    text        NOT NULL,
    activity_date    date        NOT NULL,
    duration_minutes integer     NOT NULL,
    notes            text,
    job_id           bigint      NOT NULL,
    -- true for the mentor's first activity of this type on this date; only an override adds more
    first_of_kind    boolean     NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- One activity per mentor per job, whatever happens to the workers: the results join on it too.
CREATE UNIQUE INDEX participation_activity_per_job ON participation_activity (job_id, mentor_id);
-- The duplicate rule, held by the database so that concurrent jobs register each mentor exactly once.
CREATE UNIQUE INDEX participation_activity_first_of_kind
    ON participation_activity (mentor_id, activity_type, activity_date) WHERE first_of_kind;

-- Failed items only; a retry marks them pending and removes those that then succeed.
CREATE TABLE bulk_failure (
    job_id        bigint  NOT NULL,
    mentor_id     text    NOT NULL,
    position      integer NOT NULL,
    error_code    text    NOT NULL,
    error_message text    NOT NULL,
    retry_pending boolean NOT NULL DEFAULT false,
    PRIMARY KEY (job_id, mentor_id)
);

CREATE INDEX bulk_failure_retry_queue ON bulk_failure (job_id, position) WHERE retry_pending;
