package org.threadlab;

import java.util.Set;
import org.threadlab.cli.Cli;

/**
 * One main class for both faces of ThreadLab: with a command ({@code list}, {@code check},
 * {@code run}, {@code replay}, {@code explore}, {@code stress}, {@code challenge}, {@code new}, {@code --help}) it runs headless; otherwise it opens the window.
 */
public final class Main {
    private static final Set<String> COMMANDS = Set.of("list", "check", "run", "replay", "explore", "stress", "challenge", "new", "help",
            "--help", "-h", "--version", "-V");

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(Cli.run(args));
        }
        int status = org.threadlab.ui.ThreadLabApp.launchApp(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
