package bulkreg.grpc;

import bulkreg.grpc.v1.BulkRegistrationServiceGrpc;
import bulkreg.grpc.v1.WatchBulkRegistrationResponse;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;

import java.io.InputStream;

/**
 * Writes WatchBulkRegistration's responses: a message shared by many watchers from the bytes it was encoded
 * to once ({@link WatchResponses}), any other (a snapshot) through protobuf as usual. grpc-java asks a
 * method's marshaller for each message it sends, on the sender's thread, so swapping this one marshaller
 * is all it takes; flow control and the stream's handler stay as they are.
 */
final class WatchMarshaller implements MethodDescriptor.Marshaller<WatchBulkRegistrationResponse> {

    private final MethodDescriptor.Marshaller<WatchBulkRegistrationResponse> protobuf;
    private final WatchResponses responses;

    private WatchMarshaller(MethodDescriptor.Marshaller<WatchBulkRegistrationResponse> protobuf,
                            WatchResponses responses) {
        this.protobuf = protobuf;
        this.responses = responses;
    }

    @Override
    public InputStream stream(WatchBulkRegistrationResponse message) {
        return responses.bytes(message).<InputStream>map(EncodedBytes::new).orElseGet(() -> protobuf.stream(message));
    }

    @Override
    public WatchBulkRegistrationResponse parse(InputStream stream) {
        return protobuf.parse(stream);
    }

    /** The service with WatchBulkRegistration's responses written by this marshaller; the rest as it was. */
    static ServerServiceDefinition install(ServerServiceDefinition service, WatchResponses responses) {
        var watch = BulkRegistrationServiceGrpc.getWatchBulkRegistrationMethod();
        var descriptor = ServiceDescriptor.newBuilder(service.getServiceDescriptor().getName())
                .setSchemaDescriptor(service.getServiceDescriptor().getSchemaDescriptor());
        var methods = service.getMethods().stream()
                .map(method -> method.getMethodDescriptor().getFullMethodName().equals(watch.getFullMethodName())
                        ? withMarshaller(method, responses) : method)
                .toList();
        methods.forEach(method -> descriptor.addMethod(method.getMethodDescriptor()));
        var rebuilt = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(rebuilt::addMethod);
        return rebuilt.build();
    }

    @SuppressWarnings("unchecked")
    private static ServerMethodDefinition<?, ?> withMarshaller(ServerMethodDefinition<?, ?> method,
                                                                WatchResponses responses) {
        var watch = (ServerMethodDefinition<Object, WatchBulkRegistrationResponse>) method;
        var descriptor = watch.getMethodDescriptor();
        return ServerMethodDefinition.create(descriptor.toBuilder()
                .setResponseMarshaller(new WatchMarshaller(descriptor.getResponseMarshaller(), responses))
                .build(), watch.getServerCallHandler());
    }
}
