package org.threadlab.engine.process;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.threadlab.engine.live.SharedMemory;
import org.threadlab.engine.sync.MappedLock;
import org.threadlab.engine.sync.MappedQueue;
import org.threadlab.engine.sync.MessageQueue;
import org.threadlab.engine.sync.StepLock;
import org.threadlab.engine.sync.ThreadQueue;
import org.threadlab.lesson.SharedState;

/**
 * The memory that every process of a run shares, for the variables and locks a lesson declares
 * {@code process-shared} (Python's {@code multiprocessing.Value} and {@code Lock}): a small file,
 * in {@code /dev/shm} where there is one, that the parent and every child map. The layout follows
 * from the lesson alone, so parent and child agree without telling each other: one 8-byte slot
 * per process-shared variable, in declaration order, then one per process-shared lock, then each
 * process-shared queue ({@link MappedQueue}: a lock, two counts and its ring of values).
 */
public final class SharedSegment {
    private static final AtomicInteger FILES = new AtomicInteger();

    private final Path file;
    private final MappedByteBuffer buffer;
    private final SharedState shared;
    private final boolean owner;

    private SharedSegment(Path file, MappedByteBuffer buffer, SharedState shared, boolean owner) {
        this.file = file;
        this.buffer = buffer;
        this.shared = shared;
        this.owner = owner;
    }

    /** Creates the segment of a run, with the process-shared variables at their initial values. */
    public static SharedSegment create(SharedState shared) throws IOException {
        Path dir = Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
                ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path file = dir.resolve("threadlab-" + ProcessHandle.current().pid() + "-" + FILES.incrementAndGet() + ".shared");
        SharedSegment s = new SharedSegment(file, map(file, shared, true), shared, true);
        file.toFile().deleteOnExit();
        List<String> names = shared.variableNames();
        for (int v = 0; v < names.size(); v++) {
            int at = s.offset(names.get(v));
            if (at >= 0) {
                s.buffer.putLong(at, shared.variables().get(names.get(v)));
            }
        }
        return s;
    }

    /** Maps the segment a parent created. */
    static SharedSegment open(Path file, SharedState shared) throws IOException {
        return new SharedSegment(file, map(file, shared, false), shared, false);
    }

    private static MappedByteBuffer map(Path file, SharedState shared, boolean create) throws IOException {
        long size = 8L * Math.max(1, slots(shared));
        try (FileChannel ch = create
                ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            b.order(ByteOrder.nativeOrder());
            return b;
        }
    }

    public Path file() {
        return file;
    }

    /** Slots the segment needs: one per process-shared variable and lock, and each process-shared queue's. */
    private static int slots(SharedState shared) {
        int n = 0;
        for (String name : shared.processShared()) {
            Long capacity = shared.queues().get(name);
            n += capacity == null ? 1 : MappedQueue.slots(capacity.intValue());
        }
        return n;
    }

    /** Byte offset of a process-shared variable's, lock's or queue's first slot, or -1 if it is not process-shared. */
    private int offset(String name) {
        int slot = 0;
        for (String v : shared.variableNames()) {
            if (shared.isProcessShared(v)) {
                if (v.equals(name)) {
                    return slot * 8;
                }
                slot++;
            }
        }
        for (String l : shared.locks()) {
            if (shared.isProcessShared(l)) {
                if (l.equals(name)) {
                    return slot * 8;
                }
                slot++;
            }
        }
        for (var q : shared.queues().entrySet()) {
            if (shared.isProcessShared(q.getKey())) {
                if (q.getKey().equals(name)) {
                    return slot * 8;
                }
                slot += MappedQueue.slots(q.getValue().intValue());
            }
        }
        return -1;
    }

    /** This process's memory: process-shared variables in the segment, the others a copy of its own. */
    public SharedMemory memory(long[] initial) {
        List<String> names = shared.variableNames();
        int[] offsets = new int[names.size()];
        for (int v = 0; v < offsets.length; v++) {
            offsets[v] = offset(names.get(v));
        }
        return new SharedMemory(initial, buffer, offsets);
    }

    /** The locks: process-shared ones in the segment, the others locks of this process. */
    public StepLock[] locks() {
        List<String> names = shared.locks();
        StepLock[] out = new StepLock[names.size()];
        for (int i = 0; i < out.length; i++) {
            int at = offset(names.get(i));
            out[i] = at >= 0 ? new MappedLock(buffer, at) : new StepLock.ThreadLock();
        }
        return out;
    }

    /** The queues: process-shared ones in the segment (each starts empty), the others queues of this process. */
    public MessageQueue[] queues() {
        MessageQueue[] out = new MessageQueue[shared.queues().size()];
        int i = 0;
        for (var q : shared.queues().entrySet()) {
            int at = offset(q.getKey());
            int capacity = q.getValue().intValue();
            out[i++] = at >= 0 ? new MappedQueue(buffer, at, capacity) : new ThreadQueue(capacity);
        }
        return out;
    }

    /** Removes the file (the parent, once every child is gone); mappings stay valid until unmapped. */
    public void delete() {
        if (owner) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // deleteOnExit will try again
            }
        }
    }
}
