package bulkreg.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends a fixed request and reads the answer by its Content-Length: the
 * load generator's client. The JDK's HttpClient costs the shared cores far more per request than the server
 * spends on a small answer (it measured a bare route at a tenth of what this client reaches), so the figures
 * would describe the client, not the service.
 */
final class RawHttpConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;
    private final StringBuilder line = new StringBuilder();

    /** A connection that GETs {@code path}. */
    static RawHttpConnection get(int port, String path) throws IOException {
        return new RawHttpConnection(port, "GET " + path + " HTTP/1.1\r\n", "");
    }

    /** A connection that POSTs the JSON {@code body} to {@code path}. */
    static RawHttpConnection postJson(int port, String path, String body) throws IOException {
        return new RawHttpConnection(port, "POST " + path + " HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n", body);
    }

    private RawHttpConnection(int port, String head, String body) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        request = (head + "Host: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the request and reads the whole answer; returns its status code. */
    int send() throws IOException {
        out.write(request);
        out.flush();
        int status = Integer.parseInt(readLine().split(" ", 3)[1]);
        long length = -1;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("content-length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            }
        }
        if (length < 0) {
            throw new IOException("an answer without Content-Length");
        }
        in.skipNBytes(length);
        return status;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
