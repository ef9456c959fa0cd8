package dev.rendezvous.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A client that declares a large body and sends only its first bytes, then reads the answer: what a
 * service decides from the declared length alone, before it reads (or buffers, or parses) the body.
 */
public final class LargeBody {

    /** The status line and body of the answer. */
    public record Answer(int status, String body) {
    }

    private LargeBody() {
    }

    public static Answer send(URL base, String method, String path, String jwt, long declaredLength) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + jwt
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + declaredLength + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(("{\"x\":\"" + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read.write(buffer, 0, n);
                    if (complete(read.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // Whatever came is the answer.
            }
            String text = read.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 ")) {
                throw new IllegalStateException("no HTTP answer: '" + text + "'");
            }
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyAt = text.indexOf("\r\n\r\n");
            return new Answer(status, bodyAt < 0 ? "" : text.substring(bodyAt + 4));
        }
    }

    private static boolean complete(String text) {
        int bodyAt = text.indexOf("\r\n\r\n");
        if (bodyAt < 0) {
            return false;
        }
        String headers = text.substring(0, bodyAt).toLowerCase();
        int at = headers.indexOf("content-length: ");
        if (at < 0) {
            return false;
        }
        int end = headers.indexOf("\r\n", at);
        long length = Long.parseLong(headers.substring(at + 16, end < 0 ? headers.length() : end).trim());
        return text.length() - bodyAt - 4 >= length;
    }
}
