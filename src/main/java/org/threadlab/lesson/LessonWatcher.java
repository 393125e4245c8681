package org.threadlab.lesson;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells when lesson files change on disk: each given file, or every {@code .yaml} file in each given
 * folder. Editors save in different ways (write in place, or write a new file and rename it over
 * the old one), so the watcher watches the folders and reports a file after any create or modify
 * of it, once the saves have settled for {@link #SETTLE_MILLIS} (an editor may write a file in
 * several pieces). Reports come on a thread of the watcher's own; {@link #close} stops it.
 */
public final class LessonWatcher implements AutoCloseable {
    /** Quiet time after the last change before a file is reported. */
    public static final long SETTLE_MILLIS = 120;

    private final WatchService service;
    /** Each watched folder and the files of it to report, or null for every .yaml file in it. */
    private final Map<Path, Set<Path>> folders = new HashMap<>();
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Consumer<Set<Path>> onChange;
    private final Thread thread;

    /**
     * @param paths    lesson files and folders of lessons
     * @param onChange called with the files that changed (absolute, normalised), after they settled
     * @throws IOException if a folder cannot be watched
     */
    public LessonWatcher(List<Path> paths, Consumer<Set<Path>> onChange) throws IOException {
        this.onChange = onChange;
        this.service = FileSystems.getDefault().newWatchService();
        try {
            for (Path p : paths) {
                Path abs = p.toAbsolutePath().normalize();
                if (Files.isDirectory(abs)) {
                    folders.put(abs, null);
                } else {
                    Path parent = abs.getParent();
                    Set<Path> files = folders.computeIfAbsent(parent, k -> new LinkedHashSet<>());
                    if (files != null) {
                        files.add(abs);
                    }
                }
            }
            for (Path folder : folders.keySet()) {
                keys.put(folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY), folder);
            }
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        thread = Thread.ofPlatform().daemon().name("threadlab-lesson-watcher").unstarted(this::loop);
    }

    /** Starts reporting changes. */
    public LessonWatcher start() {
        thread.start();
        return this;
    }

    private void loop() {
        Set<Path> pending = new LinkedHashSet<>();
        try {
            while (true) {
                WatchKey key = pending.isEmpty() ? service.take() : service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                if (key == null) { // settled: report what changed
                    Set<Path> changed = Set.copyOf(pending);
                    pending.clear();
                    onChange.accept(changed);
                    continue;
                }
                Path folder = keys.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name && folder != null) {
                        Path file = folder.resolve(name).normalize();
                        Set<Path> wanted = folders.get(folder);
                        if (wanted == null ? name.toString().endsWith(".yaml") : wanted.contains(file)) {
                            pending.add(file);
                        }
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop quietly
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        service.close();
    }
}
