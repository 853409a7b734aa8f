package dev.spacetime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A refused request whose body is still arriving does not hold its connection: the client reads the refusal and the
 * server closes the connection within about a second (the bound is one second; the assertions allow scheduling
 * slack), so a client uploading 50 MiB is not left blocked writing until the idle timeout.
 */
class RefusedUploadTest {
    private static final long FIFTY_MIB = 50L * 1024 * 1024;
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(2);

    @Test
    void aFiftyMebibyteUploadRefusedWith413IsClosedPromptly() throws Exception {
        try (TestServer s = TestServer.start()) {
            String head = "PUT /scene HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + s.adminToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + FIFTY_MIB + "\r\n\r\n";
            refusedAndClosed(s, head, false, 413);
        }
    }

    @Test
    void aLargeChunkedBodyRefusedWith401IsClosedPromptly() throws Exception {
        try (TestServer s = TestServer.start()) {
            String head = "POST /scene HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n";
            refusedAndClosed(s, head, true, 401);
        }
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIsRefusedWith413AndClosedPromptly() throws Exception {
        try (TestServer s = TestServer.start()) {
            String head = "PUT /scene HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + s.adminToken()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            refusedAndClosed(s, head, true, 413);
        }
    }

    /** Sends the head, then up to 50 MiB of body from another thread for as long as the server reads. */
    private static void refusedAndClosed(TestServer s, String head, boolean chunked, int status) throws Exception {
        try (Socket socket = RawHttp.connect("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> upload(out, chunked));

            RawHttp.Response refused = RawHttp.read(socket.getInputStream());
            long answeredAt = System.nanoTime();
            assertThat(refused.status()).as(refused.body()).isEqualTo(status);
            assertThat(refused.headers()).containsEntry("connection", "close");
            assertThat(refused.body()).contains("\"error\"");

            assertThat(RawHttp.closedWithin(socket, CLOSED_WITHIN)).as("connection closed after the refusal").isTrue();
            // The uploading client is released as well: its writes fail instead of blocking.
            long written = writer.get(CLOSED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(written).as("the server stopped reading long before 50 MiB").isLessThan(FIFTY_MIB);
            assertThat(Duration.ofNanos(System.nanoTime() - answeredAt)).isLessThan(CLOSED_WITHIN);
        }
    }

    /** Bytes written before the connection broke. */
    private static long upload(OutputStream out, boolean chunked) {
        byte[] block = new byte[64 * 1024];
        byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        try {
            while (written < FIFTY_MIB) {
                if (chunked) {
                    out.write(chunkHead);
                }
                out.write(block);
                if (chunked) {
                    out.write(crlf);
                }
                written += block.length;
            }
            out.flush();
        } catch (IOException e) {
            // the server closed the connection: what the test waits for
        }
        return written;
    }
}
