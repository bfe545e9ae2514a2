-- Mentor ids are opaque keys: nobody reads them in alphabetical order. Collated "C", every index on them
-- (the duplicate rule, one activity per job, the failures' key) compares bytes instead of calling the
-- platform's collation for each comparison, which was the top of PostgreSQL's profile of the bulk write.
-- Equality is the same under both collations, so no row changes meaning.
ALTER TABLE participation_activity ALTER COLUMN mentor_id TYPE text COLLATE "C";
ALTER TABLE bulk_failure ALTER COLUMN mentor_id TYPE text COLLATE "C";
