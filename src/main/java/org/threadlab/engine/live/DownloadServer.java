package org.threadlab.engine.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on 127.0.0.1 and a free port, started for lessons that download. A request
 * {@code GET /download?latency=MS&bytes=N} is answered after MS milliseconds with N bytes, so a
 * lesson controls how slow and how large its downloads are.
 *
 * <p>Written by hand, and small, because it has one job: answer thousands of slow requests at once
 * from the same machine. One platform thread does nothing but accept connections, and each
 * connection gets its own virtual thread that reads the request line, waits, and writes the
 * answer. The JDK's {@code com.sun.net.httpserver}, used before, accepts and watches every
 * connection on a single dispatcher thread; with 5,000 downloads starting together on two busy
 * cores, that thread was where they queued.
 */
public final class DownloadServer implements AutoCloseable {
    private static final byte[] FILLER = new byte[16 * 1024];
    /** Longest request head read; the client sends about 80 bytes. */
    private static final int MAX_HEAD = 4096;

    static {
        Arrays.fill(FILLER, (byte) 'x');
    }

    private final ServerSocket listener;
    private final Thread acceptor;
    /** Connections being served, with their handler threads, so closing the server ends them all. */
    private final Map<Socket, Thread> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A server on 127.0.0.1 and a free port (see {@link #port()}). */
    public DownloadServer() throws IOException {
        this(0);
    }

    /**
     * A server on 127.0.0.1 and this port (0: a free one), as the {@code serve} command starts it
     * on 8000 for Python listings run by hand.
     *
     * @throws java.net.BindException if the port is taken
     */
    public DownloadServer(int port) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
        }
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16_384);
        acceptor = Thread.ofPlatform().daemon().name("download-server-accept").start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                Thread handler = Thread.ofVirtual().name("download-server").unstarted(() -> serve(s));
                open.put(s, handler);
                handler.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // a failed accept (e.g. out of file descriptors) hits one client, which reports it;
                // back off a moment so a persistent failure does not spin
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            String target = requestTarget(in);
            if (target == null || !target.startsWith("/download")) {
                out.write("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            Map<String, Long> query = query(target);
            long latency = Math.min(query.getOrDefault("latency", 0L), 600_000L);
            long bytes = Math.min(query.getOrDefault("bytes", 0L), 1L << 30);
            Thread.sleep(latency);
            out.write(("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bytes
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (long left = bytes; left > 0; left -= FILLER.length) {
                out.write(FILLER, 0, (int) Math.min(FILLER.length, left));
            }
            out.flush();
        } catch (InterruptedException | SocketException e) {
            // the server is closing, or the client went away: nothing to answer
        } catch (IOException e) {
            // as above: one broken connection does not concern the others
        } finally {
            open.remove(s);
        }
    }

    /** Reads the request head up to its blank line and returns the target of its request line. */
    private static String requestTarget(InputStream in) throws IOException {
        byte[] head = new byte[MAX_HEAD];
        int n = 0;
        while (n < head.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head[n++] = (byte) b;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n') {
                break;
            }
        }
        String requestLine = new String(head, 0, n, StandardCharsets.US_ASCII).split("\r\n", 2)[0];
        String[] parts = requestLine.split(" ");
        return parts.length >= 2 && parts[0].equals("GET") ? parts[1] : null;
    }

    private static Map<String, Long> query(String target) {
        Map<String, Long> out = new HashMap<>();
        int q = target.indexOf('?');
        if (q < 0) {
            return out;
        }
        for (String pair : target.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
                } catch (NumberFormatException ignored) {
                    // a malformed number counts as absent
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach((socket, handler) -> {
            handler.interrupt(); // ends a wait for the latency, and closes the socket of a blocked read
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        acceptor.interrupt();
        // The port is free only once the accepting thread has left accept(): until then the kernel keeps
        // the listening socket, and a close() that returned at once let a new listener on the port fail
        // ("Address already in use") on a busy machine. So wait for it (it leaves at once when scheduled).
        boolean interrupted = Thread.interrupted(); // an interrupted serve closes here: wait all the same
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (acceptor.isAlive() && System.nanoTime() < end) {
            try {
                acceptor.join(java.time.Duration.ofMillis(100));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
