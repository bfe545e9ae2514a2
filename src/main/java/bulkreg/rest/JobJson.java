package bulkreg.rest;

import bulkreg.core.ActivityId;
import bulkreg.core.Job;
import bulkreg.core.JobDetail;
import bulkreg.core.JobSummary;
import bulkreg.core.MentorResult;
import bulkreg.core.Page;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The contract's JSON shapes, snake_case by the mapper, timestamps as {@code 2026-03-22T10:00:00Z}. */
final class JobJson {

    private JobJson() {
    }

    record Created(String id, String coordinatorId, List<String> mentorIds, String activityType,
                   String activityDate, int mentorCount, String status, String createdAt) {

        static Created from(Job job) {
            return new Created(job.id().toString(), job.coordinatorId(), job.mentorIds(), job.activityType(),
                    job.activityDate().toString(), job.mentorCount(), job.status().wireName(),
                    time(job.createdAt()));
        }
    }

    record Detail(String id, String coordinatorId, String activityType, String activityDate, int durationMinutes,
                  String notes, boolean overrideDuplicates, List<String> mentorIds, int mentorCount, String status,
                  int successCount, int failureCount, int retryCount, List<Result> results, String createdAt,
                  String updatedAt, String completedAt) {

        static Detail from(JobDetail detail) {
            var job = detail.job();
            return new Detail(job.id().toString(), job.coordinatorId(), job.activityType(),
                    job.activityDate().toString(), job.durationMinutes(), job.notes().orElse(null),
                    job.overrideDuplicates(), job.mentorIds(), job.mentorCount(), job.status().wireName(),
                    job.successCount(), job.failureCount(), job.retryCount(),
                    detail.results().stream().map(Result::from).toList(), time(job.createdAt()),
                    time(job.updatedAt()), job.completedAt().map(JobJson::time).orElse(null));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String mentorId, String activityId, String status, ResultError error) {

        static Result from(MentorResult r) {
            return new Result(r.mentorId(), r.activityId().map(ActivityId::toString).orElse(null),
                    r.status().wireName(), r.error().map(e -> new ResultError(e.code(), e.message())).orElse(null));
        }
    }

    record ResultError(String code, String message) {
    }

    record Listed(String id, String coordinatorId, String activityType, String activityDate, int mentorCount,
                  String status, int successCount, int failureCount, String createdAt) {

        static Listed from(JobSummary job) {
            return new Listed(job.id().toString(), job.coordinatorId(), job.activityType(),
                    job.activityDate().toString(), job.mentorCount(), job.status().wireName(), job.successCount(),
                    job.failureCount(), time(job.createdAt()));
        }
    }

    record Listing(List<Listed> data, Pagination pagination) {

        static Listing from(Page<JobSummary> page) {
            return new Listing(page.items().stream().map(Listed::from).toList(),
                    new Pagination(page.request().page(), page.request().limit(), page.total()));
        }
    }

    record Pagination(int page, int limit, long total) {
    }

    record Retried(String id, String status, int retryCount, String updatedAt) {

        static Retried from(Job job) {
            return new Retried(job.id().toString(), job.status().wireName(), job.retryCount(),
                    time(job.updatedAt()));
        }
    }

    record Message(String message) {
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
