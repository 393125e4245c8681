package org.threadlab.engine.sync;

/**
 * How ThreadLab says why a worker cannot move, in one sentence each. A live run that got stuck uses
 * all of them; step mode and the explorer use the sentences for a permit and a queue, so those read
 * the same everywhere (their lock and condition sentences name the lock's holder and the wait set
 * in their own way, with the same facts).
 */
public final class WaitTexts {
    private WaitTexts() {}

    /** e.g. {@code worker-2 waits for a permit of connections, which has none left}. */
    public static String forPermit(String who, String semaphore, int ownPermits) {
        String own = switch (ownPermits) {
            case 0 -> "";
            case 1 -> " (it holds one itself)";
            default -> " (it holds " + ownPermits + " itself)";
        };
        return who + " waits for a permit of " + semaphore + ", which has none left" + own;
    }

    /** e.g. {@code consumer-1 waits to take from items, which is empty}. */
    public static String toTake(String who, String queue) {
        return who + " waits to take from " + queue + ", which is empty";
    }

    /** e.g. {@code producer waits to put on items, which is full}. */
    public static String toPut(String who, String queue) {
        return who + " waits to put on " + queue + ", which is full";
    }

    /** e.g. {@code worker-1 waits for fork-b, which worker-2 holds}; {@code owner} may be null when unknown. */
    static String forLock(String who, String lock, String owner) {
        return who + " waits for " + lock + (owner == null ? ", which is held" : ", which " + owner + " holds");
    }

    /** A process-shared lock whose holder's process runs no worker any more: it was killed holding it. */
    static String forLockOfAGoneProcess(String who, String lock, long pid) {
        return who + " waits for " + lock + ", which process " + pid + " still holds, though it runs no worker any more"
                + " (a process killed while it holds a lock leaves it held)";
    }

    /** e.g. {@code consumer waits on not-empty}: in the condition's wait set, until a notify. */
    static String onCondition(String who, String condition) {
        return who + " waits on " + condition;
    }
}
