package org.threadlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.threadlab.engine.live.DownloadServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve [--port 8000]}: the loopback download server the lessons use, on a fixed port, so the
 * Python listings that download run as written ({@code python3 downloads.py}) in a terminal of the
 * learner's own. Runs until stopped.
 */
@Command(name = "serve", description = "Serves slow downloads on 127.0.0.1 (GET /download?latency=MS&bytes=N),"
        + " for the Python listings that download, until stopped with Ctrl+C.")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000",
            description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}, the listings' --server default; 0: any free one).")
    int port;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65_535) {
            err.println("--port takes 0 to 65535, not " + port);
            return Cli.USAGE;
        }
        try (DownloadServer server = new DownloadServer(port)) {
            out.println("serving downloads on http://127.0.0.1:" + server.port() + " (this machine only):"
                    + " GET /download?latency=MS&bytes=N answers after MS ms with N bytes; Ctrl+C stops");
            out.flush();
            new java.util.concurrent.CountDownLatch(1).await(); // until the process is stopped
        } catch (java.net.BindException e) {
            err.println("cannot serve on 127.0.0.1:" + port + ": the port is taken (is another `serve` running?);"
                    + " choose another with --port and pass the listing --server http://127.0.0.1:PORT");
            return Cli.REFUSED;
        } catch (IOException e) {
            err.println("cannot serve on 127.0.0.1:" + port + ": " + e.getMessage());
            return Cli.REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Cli.OK;
    }
}
