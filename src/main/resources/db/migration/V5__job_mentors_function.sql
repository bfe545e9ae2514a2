-- A job's mentors with their 1-based positions. Results join them with the job's activities and failures;
-- written as unnest() inside the query, PostgreSQL guesses the row count from column statistics (or a
-- default of a few rows) and, guessing low, joins a 10,000-mentor job by nested loops: seconds per read.
-- A PL/pgSQL function is planned as declared (ROWS 1000), so the joins are hash joins at every job size.
CREATE FUNCTION job_mentors(mentors text[]) RETURNS TABLE (mentor_id text, ord bigint)
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE ROWS 1000 AS $$
BEGIN
    RETURN QUERY SELECT u.mentor_id, u.ord FROM unnest(mentors) WITH ORDINALITY AS u(mentor_id, ord);
END
$$;
