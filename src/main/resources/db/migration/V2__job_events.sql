-- The job-event log: one row per committed change of a job (created, each chunk, retried, cancelled,
-- completed, failed, deleted), written in the same transaction as the change. Every instance follows it
-- through LISTEN/NOTIFY (a tiny payload, the data stays here) with a slow poll as fallback, and a consumer
-- that reconnects resumes after the last sequence number it saw.
CREATE SEQUENCE job_event_seq;

CREATE TABLE job_event (
    seq               bigint      PRIMARY KEY,
    job_id            bigint      NOT NULL,
    coordinator_id    text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('created', 'progressed', 'retried', 'cancelled',
                                                           'completed', 'failed', 'deleted')),
    status            text        NOT NULL,
    success_count     integer     NOT NULL,
    failure_count     integer     NOT NULL,
    mentor_count      integer     NOT NULL,
    changed_from      integer,    -- a main-pass chunk changed the items at positions [changed_from, changed_to)
    changed_to        integer,
    changed_positions integer[],  -- a retry chunk changed exactly these positions
    occurred_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX job_event_by_job ON job_event (job_id, seq);
CREATE INDEX job_event_by_time ON job_event (occurred_at);

-- Sequence numbers follow commit order: each writer takes a transaction-scoped lock before drawing its
-- number, so a reader that has seen N never later finds a smaller number committed. Event rows are the last
-- write of their transaction, so the lock is held only for that insert and the commit (NOTIFY serialises
-- commits of notifying transactions anyway).
CREATE FUNCTION job_event_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7460112018);
    NEW.seq := nextval('job_event_seq');
    RETURN NEW;
END $$;

CREATE FUNCTION job_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bulkreg_job_events', NEW.seq::text);
    RETURN NULL;
END $$;

CREATE TRIGGER job_event_number BEFORE INSERT ON job_event FOR EACH ROW EXECUTE FUNCTION job_event_number();
CREATE TRIGGER job_event_notify AFTER INSERT ON job_event FOR EACH ROW EXECUTE FUNCTION job_event_notify();
