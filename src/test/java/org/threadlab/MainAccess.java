package org.threadlab;

/** Lets tests in other packages ask {@link Main} how it reads its arguments. */
public final class MainAccess {
    private MainAccess() {}

    public static boolean isCommand(String... args) {
        return Main.isCommand(args);
    }
}
