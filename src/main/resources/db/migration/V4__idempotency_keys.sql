-- Create requests' idempotency keys (REST Idempotency-Key, GraphQL idempotencyKey, gRPC request_id), stored in
-- the transaction that creates the job, so a key names exactly one job. Kept for at least a day.
CREATE TABLE idempotency_key (
    key         text        PRIMARY KEY,
    fingerprint text        NOT NULL,   -- SHA-256 of the validated request: a repeat must be the same request
    job_id      bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);
