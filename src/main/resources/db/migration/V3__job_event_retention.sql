-- Job events are kept for bulkreg.event-retention (P7D by default), then deleted oldest first by
-- PgJobEventRetention. This one row remembers the highest sequence deleted, so that a consumer asking to
-- resume from before it is refused instead of silently missing the deleted events.
CREATE TABLE job_event_purged (
    only_row     boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    through_seq  bigint  NOT NULL
);

INSERT INTO job_event_purged (through_seq) VALUES (0);
