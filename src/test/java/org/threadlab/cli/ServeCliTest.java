package org.threadlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code serve}: says where it listens, answers a download there, stops when interrupted; a taken port is refused. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeCliTest {
    @Test
    void serveAnswersADownloadWhereItSaysItListens() throws Exception {
        PipedWriter pipe = new PipedWriter();
        java.io.BufferedReader lines = new java.io.BufferedReader(new PipedReader(pipe, 1 << 16));
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread serving = Thread.ofPlatform().daemon().start(() ->
                exit.complete(Cli.run(new PrintWriter(pipe, true), new PrintWriter(err, true), "serve", "--port", "0")));
        String first = lines.readLine();
        Matcher m = Pattern.compile("serving downloads on http://127\\.0\\.0\\.1:(\\d+) \\(this machine only\\): GET"
                + " /download\\?latency=MS&bytes=N answers after MS ms with N bytes; Ctrl\\+C stops").matcher(first);
        assertTrue(m.matches(), first);
        int port = Integer.parseInt(m.group(1));
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/download?latency=10&bytes=4321")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        assertEquals(4321, answer.body().length);

        // a second server on the same port is refused with a message
        StringWriter err2 = new StringWriter();
        assertEquals(1, Cli.run(new PrintWriter(new StringWriter()), new PrintWriter(err2, true), "serve", "--port",
                Integer.toString(port)));
        assertTrue(err2.toString().contains("the port is taken"), err2::toString);

        serving.interrupt();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        // the port is free again: a listener of our own can take it. (Connecting to it would not tell: with
        // nothing listening on a port of the ephemeral range, Linux may connect a socket to itself.)
        try (java.net.ServerSocket again = new java.net.ServerSocket()) {
            again.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
        } catch (java.net.BindException e) {
            throw new AssertionError("the server still listens after serve ended", e);
        }
    }
}
