package org.threadlab;

import java.util.Set;
import org.threadlab.cli.Cli;

/**
 * One main class for both faces of ThreadLab: with a command ({@code list}, {@code check},
 * {@code run}, {@code replay}, {@code explore}, {@code stress}, {@code challenge}, {@code new}, {@code python}, {@code serve}, {@code --help}) it runs headless; otherwise it opens the window.
 */
public final class Main {
    private static final Set<String> COMMANDS = Set.of("list", "check", "run", "replay", "explore", "stress", "challenge", "new", "python", "serve", "help",
            "--help", "-h", "--version", "-V");

    private Main() {}

    /** Whether the arguments name a command, after any {@code --lessons DIR} that comes first. */
    static boolean isCommand(String... args) {
        int i = 0;
        while (i + 1 < args.length && args[i].equals("--lessons")) {
            i += 2;
        }
        return i < args.length && COMMANDS.contains(args[i]);
    }

    public static void main(String[] args) {
        if (isCommand(args)) {
            System.exit(Cli.run(args));
        }
        int status = org.threadlab.ui.ThreadLabApp.launchApp(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
