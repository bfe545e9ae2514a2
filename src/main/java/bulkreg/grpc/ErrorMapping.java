package bulkreg.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets handlers describe the happy path: whatever a handler or stream callback throws closes the call with
 * the status {@link GrpcErrors} maps it to (grpc-java itself would answer UNKNOWN). A call closes once; a
 * later close, from a stream that noticed the failure late, is ignored.
 */
final class ErrorMapping implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        var once = new CloseOnce<>(call);
        return new Listener<>(next.startCall(once, headers), once);
    }

    private static final class CloseOnce<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final AtomicBoolean closed = new AtomicBoolean();

        CloseOnce(ServerCall<Q, R> call) {
            super(call);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (closed.compareAndSet(false, true)) {
                super.close(status, trailers);
            }
        }

        void fail(RuntimeException failure) {
            var status = GrpcErrors.toStatus(failure);
            var trailers = status.getTrailers();
            close(status.getStatus(), trailers == null ? new Metadata() : trailers);
        }
    }

    private static final class Listener<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final CloseOnce<Q, ?> call;

        Listener(ServerCall.Listener<Q> delegate, CloseOnce<Q, ?> call) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onMessage(Q message) {
            try {
                super.onMessage(message);
            } catch (RuntimeException e) {
                call.fail(e);
            }
        }

        @Override
        public void onHalfClose() {
            try {
                super.onHalfClose();
            } catch (RuntimeException e) {
                call.fail(e);
            }
        }

        @Override
        public void onReady() {
            try {
                super.onReady();
            } catch (RuntimeException e) {
                call.fail(e);
            }
        }
    }
}
