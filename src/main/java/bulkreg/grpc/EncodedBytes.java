package bulkreg.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A message's bytes as grpc-java's framer reads them: of known length, and drained straight into the
 * transport's buffers. Many streams may read the same array; none writes it.
 */
final class EncodedBytes extends ByteArrayInputStream implements Drainable, KnownLength {

    EncodedBytes(byte[] bytes) {
        super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
        int length = count - pos;
        target.write(buf, pos, length);
        pos = count;
        return length;
    }
}
