package bulkreg.grpc;

import bulkreg.core.BulkRegistrationService;
import bulkreg.core.ItemStatus;
import bulkreg.core.MentorResult;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Optional;

/**
 * ListResults: every result of a job, read from the store a page at a time and sent only while the call is
 * ready, as in grpc-java's manualflowcontrol example. Sending stops when the transport's buffer fills and
 * resumes in the on-ready callback, so a slow reader holds at most one page in memory. All callbacks run
 * serially on gRPC's executor for this call.
 */
final class ResultStream implements Runnable {

    /** Results read per store query. */
    static final int PAGE = 500;

    private final ServerCallStreamObserver<bulkreg.grpc.v1.MentorResult> call;
    private final BulkRegistrationService service;
    private final String jobId;
    private final Optional<ItemStatus> status;
    private List<MentorResult> page;
    private int next;
    private volatile boolean cancelled;
    private boolean done;

    private ResultStream(ServerCallStreamObserver<bulkreg.grpc.v1.MentorResult> call,
                         BulkRegistrationService service, String jobId, Optional<ItemStatus> status) {
        this.call = call;
        this.service = service;
        this.jobId = jobId;
        this.status = status;
    }

    /**
     * Reads the first page now, so that an unknown job fails the call at once, and sends the rest as the
     * call is ready.
     */
    static void start(BulkRegistrationService service, String jobId, Optional<ItemStatus> status,
                      StreamObserver<bulkreg.grpc.v1.MentorResult> responses) {
        var call = (ServerCallStreamObserver<bulkreg.grpc.v1.MentorResult>) responses;
        var stream = new ResultStream(call, service, jobId, status);
        stream.page = stream.read(-1);
        call.setOnCancelHandler(() -> stream.cancelled = true);
        call.setOnReadyHandler(stream);
    }

    /** The on-ready callback: sends until the call is no longer ready or every result is sent. */
    @Override
    public void run() {
        while (!done && !cancelled && call.isReady()) {
            if (next == page.size()) {
                if (page.size() < PAGE) {
                    done = true;
                    call.onCompleted();
                    return;
                }
                page = read(page.getLast().position());
                next = 0;
                continue;
            }
            call.onNext(Messages.result(page.get(next++)));
        }
    }

    private List<MentorResult> read(int afterPosition) {
        return service.results(jobId, status, afterPosition, PAGE);
    }
}
