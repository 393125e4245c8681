package org.threadlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.threadlab.runfile.Recording;
import org.threadlab.runfile.RunFile;
import org.threadlab.runfile.RunFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay FILE}: prints the summary of a saved run, as {@code run} printed it when the run
 * ran, without running anything. The readable form adds one line first that says where and when
 * the run was recorded; with {@code --json} the object is the original one, key for key (its
 * {@code parentPid} the recording ThreadLab's), and that line goes to the error stream.
 */
@Command(name = "replay", description = "Prints the summary of a run saved with `run ... --save FILE` or the"
        + " window's Save run, as `run` printed it; runs nothing.")
final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A run file (NAME.threadlab).")
    Path file;
    @Option(names = "--json", description = "Print the run's JSON object, as `run --json` printed it.")
    boolean json;
    @Option(names = "--quiet-console", description = "Do not print the lines the lesson's print steps wrote.")
    boolean quietConsole;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Recording rec;
        try {
            rec = RunFile.read(file);
        } catch (RunFileException e) {
            err.println(e.getMessage());
            return Cli.REFUSED;
        } catch (RuntimeException | OutOfMemoryError e) {
            err.println(file + ": cannot open this run file: " + e); // what the checks did not foresee: a message, no trace
            return Cli.REFUSED;
        }
        String recorded = rec.recordedLine() + "; replayed from " + file + ", nothing was run";
        if (json) {
            err.println(recorded);
            out.println(RunCommand.toJson(rec.result(), rec.recorderPid()));
        } else {
            out.println(recorded);
            RunCommand.printSummary(out, rec.result(), quietConsole);
        }
        return RunCommand.exitCode(rec.result());
    }
}
