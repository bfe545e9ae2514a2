package bulkreg.grpc;

import bulkreg.grpc.v1.WatchBulkRegistrationResponse;

/** A watch response shared by many watchers, with its wire bytes, encoded once. The bytes are never changed. */
record EncodedResponse(WatchBulkRegistrationResponse message, byte[] bytes) {

    static EncodedResponse of(WatchBulkRegistrationResponse message) {
        return new EncodedResponse(message, message.toByteArray());
    }
}
