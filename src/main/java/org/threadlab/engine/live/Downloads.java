package org.threadlab.engine.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** The client side of a download step: a plain socket, an HTTP/1.0 request, and real reads. */
public final class Downloads {
    /** How long a download may take beyond the latency it asked for before it is given up. */
    private static final long GRACE_MILLIS = 30_000;

    private Downloads() {}

    /** Thrown when a download cannot complete; the message is meant for the learner. */
    public static final class DownloadFailed extends Exception {
        private static final long serialVersionUID = 1L;

        DownloadFailed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Downloads {@code bytes} bytes that the server sends after {@code latencyMillis}; returns the
     * number of body bytes read. Checks {@code cancelled} at least every 200 ms.
     */
    static long fetch(int port, long latencyMillis, long bytes, BooleanSupplier cancelled)
            throws DownloadFailed, InterruptedException {
        long deadline = System.nanoTime() + (latencyMillis + GRACE_MILLIS) * 1_000_000L;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /download?latency=" + latencyMillis + "&bytes=" + bytes + " HTTP/1.0\r\n"
                    + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int headerState = 0; // counts the bytes of "\r\n\r\n" matched so far
            boolean inBody = false;
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("download cancelled");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new DownloadFailed("no answer from the download server after "
                                + (latencyMillis + GRACE_MILLIS) / 1000 + " s");
                    }
                    continue;
                }
                if (n < 0) {
                    break;
                }
                int start = 0;
                if (!inBody) {
                    for (; start < n && !inBody; start++) {
                        byte b = buffer[start];
                        headerState = (b == '\r' || b == '\n') && expected(headerState) == b ? headerState + 1
                                : (b == '\r' ? 1 : 0);
                        inBody = headerState == 4;
                    }
                }
                if (inBody) {
                    total += n - start;
                }
            }
            return total;
        } catch (IOException e) {
            if (cancelled.getAsBoolean()) {
                // interrupting a virtual thread closes its socket: that is a stop, not a failure
                throw new InterruptedException("download cancelled");
            }
            throw new DownloadFailed(explain(e));
        }
    }

    private static byte expected(int state) {
        return (byte) (state % 2 == 0 ? '\r' : '\n');
    }

    /** Turns "Too many open files" and its like into a sentence a learner can act on. */
    static String explain(IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Too many open files")) {
            return "ran out of file descriptors: this process may have at most " + maxOpenFiles()
                    + " open files (ulimit -n), and each running download holds two sockets here"
                    + " (the client's and the loopback server's); run fewer downloads at once";
        }
        return "download failed: " + msg;
    }

    /** The process's open-file limit, or -1 if the platform does not say. */
    public static long maxOpenFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** Files this process has open now, or -1 if the platform does not say. */
    public static long openFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }
}
