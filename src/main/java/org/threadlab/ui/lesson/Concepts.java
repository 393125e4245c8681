package org.threadlab.ui.lesson;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.threadlab.lesson.Level;

/**
 * How the views show concept and level names: a readable title, an icon, and the order of the
 * curriculum's ideas. A concept not listed here still works: it gets a title
 * made from its name, a generic icon, and sorts after the known ones.
 */
final class Concepts {
    private Concepts() {}

    private record Info(String title, Ikon icon) {}

    /** In curriculum order: the order groups appear in the library. */
    private static final List<Map.Entry<String, Info>> KNOWN = List.of(
            Map.entry("thread", new Info("Threads", MaterialDesignS.SOURCE_BRANCH)),
            Map.entry("process", new Info("Processes", MaterialDesignA.APPLICATION)),
            Map.entry("concurrency", new Info("Concurrency", MaterialDesignS.SHUFFLE_VARIANT)),
            Map.entry("start", new Info("Start", MaterialDesignP.PLAY)),
            Map.entry("join", new Info("Join", MaterialDesignS.SOURCE_MERGE)),
            Map.entry("interleaving", new Info("Interleaving", MaterialDesignS.SHUFFLE_VARIANT)),
            Map.entry("io-bound", new Info("I/O-bound work", MaterialDesignD.DOWNLOAD)),
            Map.entry("overlap", new Info("Overlap", MaterialDesignL.LAYERS_OUTLINE)),
            Map.entry("cpu-bound", new Info("CPU-bound work", MaterialDesignC.CHIP)),
            Map.entry("gil", new Info("The GIL", MaterialDesignL.LANGUAGE_PYTHON)),
            Map.entry("parallelism", new Info("Parallelism", MaterialDesignC.CPU_64_BIT)),
            Map.entry("cores", new Info("Cores", MaterialDesignC.CPU_64_BIT)),
            Map.entry("process-memory", new Info("Process memory", MaterialDesignM.MEMORY)),
            Map.entry("shared-memory", new Info("Shared memory", MaterialDesignM.MEMORY)),
            Map.entry("race-condition", new Info("Race conditions", MaterialDesignF.FLAG_CHECKERED)),
            Map.entry("lock", new Info("Locks", MaterialDesignL.LOCK_OUTLINE)),
            Map.entry("atomic", new Info("Atomic operations", MaterialDesignF.FLASH_OUTLINE)),
            Map.entry("visibility", new Info("Visibility", MaterialDesignF.FLASH_OUTLINE)),
            Map.entry("volatile", new Info("Volatile", MaterialDesignF.FLASH_OUTLINE)),
            Map.entry("shared-value", new Info("Shared values", MaterialDesignM.MEMORY)),
            Map.entry("message-passing", new Info("Message passing", MaterialDesignS.SEND_OUTLINE)),
            Map.entry("queue", new Info("Queues", MaterialDesignH.HUMAN_QUEUE)),
            Map.entry("pipe", new Info("Pipes", MaterialDesignP.PIPE)),
            Map.entry("thread-pool", new Info("Thread pools", MaterialDesignA.ACCOUNT_MULTIPLE_OUTLINE)),
            Map.entry("process-pool", new Info("Process pools", MaterialDesignA.ACCOUNT_MULTIPLE_OUTLINE)),
            Map.entry("executor", new Info("Executors", MaterialDesignC.COGS)),
            Map.entry("map", new Info("Map", MaterialDesignF.FORMAT_LIST_NUMBERED)),
            Map.entry("cost", new Info("Costs", MaterialDesignS.SCALE_BALANCE)),
            Map.entry("kill", new Info("Stopping and killing", MaterialDesignS.STOP_CIRCLE_OUTLINE)),
            Map.entry("crash", new Info("Crashes", MaterialDesignS.SKULL_OUTLINE)),
            Map.entry("semaphore", new Info("Semaphores", MaterialDesignT.TRAFFIC_LIGHT)),
            Map.entry("condition", new Info("Condition variables", MaterialDesignT.TIMER_SAND)),
            Map.entry("measurement", new Info("Measuring", MaterialDesignS.SPEEDOMETER)),
            Map.entry("deadlock", new Info("Deadlock", MaterialDesignL.LOCK_ALERT)),
            Map.entry("read-write-lock", new Info("Read-write locks", MaterialDesignL.LOCK_OPEN_VARIANT_OUTLINE)),
            Map.entry("starvation", new Info("Starvation", MaterialDesignT.TIMER_SAND)),
            Map.entry("fairness", new Info("Fairness", MaterialDesignS.SCALE_BALANCE)),
            Map.entry("virtual-thread", new Info("Virtual threads", MaterialDesignF.FEATHER)),
            Map.entry("platform-thread", new Info("Platform threads", MaterialDesignS.SOURCE_BRANCH)),
            Map.entry("scalability", new Info("Scalability", MaterialDesignC.CHART_LINE)));

    private static final Map<String, Info> BY_NAME = KNOWN.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /** "race-condition" -> "Race conditions"; unknown names: "foo-bar" -> "Foo bar". */
    static String title(String concept) {
        Info info = BY_NAME.get(concept);
        if (info != null) {
            return info.title();
        }
        String words = concept.replace('-', ' ').replace('_', ' ').trim();
        return words.isEmpty() ? concept : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    static Ikon icon(String concept) {
        Info info = BY_NAME.get(concept);
        return info != null ? info.icon() : MaterialDesignB.BOOK_OPEN_VARIANT;
    }

    /** Position in the curriculum; unknown concepts sort after all known ones. */
    static int rank(String concept) {
        for (int i = 0; i < KNOWN.size(); i++) {
            if (KNOWN.get(i).getKey().equals(concept)) {
                return i;
            }
        }
        return KNOWN.size();
    }

    /** One to three bars, like a signal meter: easy to tell apart at a glance. */
    static Ikon levelIcon(Level level) {
        return switch (level) {
            case BEGINNER -> MaterialDesignS.SIGNAL_CELLULAR_1;
            case INTERMEDIATE -> MaterialDesignS.SIGNAL_CELLULAR_2;
            case ADVANCED -> MaterialDesignS.SIGNAL_CELLULAR_3;
        };
    }

    static String levelTitle(Level level) {
        String l = level.label();
        return l.substring(0, 1).toUpperCase(Locale.ROOT) + l.substring(1);
    }
}
