/**
 * The gRPC front: grpc-java's own Netty server on its own port, serving the contract in
 * {@code proto/bulkreg/v1/bulk_registration.proto} (generated into {@code bulkreg.grpc.v1}), the standard
 * health service and server reflection. Like every front it parses, calls the core's
 * {@link bulkreg.core.BulkRegistrationService} and maps; errors are mapped in {@link bulkreg.grpc.GrpcErrors}
 * alone. Server streams send only while the call is ready, so a slow reader never makes the server buffer.
 */
package bulkreg.grpc;
