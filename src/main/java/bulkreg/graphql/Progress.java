package bulkreg.graphql;

/** How far a job has come: ended mentors of all mentors, and that share in percent to one decimal. */
record Progress(int processed, int total, double percent) {

    static Progress of(int processed, int total) {
        return new Progress(processed, total, total == 0 ? 0 : Math.floor(processed * 1000.0 / total) / 10);
    }
}
