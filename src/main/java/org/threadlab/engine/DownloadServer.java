package org.threadlab.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 and a free port, started for lessons that download. A request
 * {@code GET /download?latency=MS&bytes=N} is answered after MS milliseconds with N bytes, so a
 * lesson controls how slow and how large its downloads are. Each request is handled on its own
 * virtual thread, so thousands of slow downloads can wait at once.
 */
public final class DownloadServer implements AutoCloseable {
    private static final byte[] FILLER = new byte[16 * 1024];

    static {
        Arrays.fill(FILLER, (byte) 'x');
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

    public DownloadServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16_384);
        server.createContext("/download", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, Long> query = query(exchange.getRequestURI());
            long latency = Math.min(query.getOrDefault("latency", 0L), 600_000L);
            long bytes = Math.min(query.getOrDefault("bytes", 0L), 1L << 30);
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, bytes == 0 ? -1 : bytes);
            try (OutputStream out = exchange.getResponseBody()) {
                for (long left = bytes; left > 0; left -= FILLER.length) {
                    out.write(FILLER, 0, (int) Math.min(FILLER.length, left));
                }
            }
        }
    }

    private static Map<String, Long> query(URI uri) {
        Map<String, Long> out = new HashMap<>();
        String q = uri.getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
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
        server.stop(0);
        handlers.shutdownNow();
    }
}
