package org.threadlab.engine.live;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * One worker spinning on a plain (not volatile) shared variable, for real: {@link SpinLoop} runs as
 * compiled code, which may never read the variable again. Each spin loads its own copies of
 * {@link SpinLoop}, {@link FlagReader} and {@link PlainFlagReader} through a class loader of its own,
 * so every run starts from the same state: one known reader, nothing compiled yet.
 *
 * <p>A compiled loop that read its flag once cannot be interrupted, and Java can no longer stop a
 * thread. {@link #release} ends it the way the JVM itself would: it sets the reader's stop field,
 * then loads {@link SecondFlagReader}; the compiled loop relied on there being one reader only, so
 * the JVM discards it at its next safepoint and the interpreter, reading the fields afresh, leaves
 * the loop.
 */
final class PlainSpin {
    private static final List<String> CLASSES = List.of("FlagReader", "PlainFlagReader", "SecondFlagReader", "SpinLoop");
    private final FreshLoader loader = new FreshLoader();
    private final Object reader;
    private final MethodHandle spin;
    private final VarHandle stop;
    private volatile boolean released;

    PlainSpin() {
        // a named module (the packaged app) reads the loader's unnamed module only when it says so
        PlainSpin.class.getModule().addReads(loader.getUnnamedModule());
        try {
            Class<?> readerClass = loader.loadClass(name("FlagReader"));
            Class<?> plain = loader.loadClass(name("PlainFlagReader"));
            Class<?> loop = loader.loadClass(name("SpinLoop"));
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(loop, MethodHandles.lookup());
            var ctor = plain.getDeclaredConstructor();
            ctor.setAccessible(true);
            reader = ctor.newInstance();
            spin = lookup.findStatic(loop, "spin", MethodType.methodType(long.class, long[].class, int.class, readerClass))
                    .asType(MethodType.methodType(long.class, long[].class, int.class, Object.class));
            stop = MethodHandles.privateLookupIn(readerClass, MethodHandles.lookup())
                    .findVarHandle(readerClass, "stop", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the spin loop: " + e, e);
        }
    }

    /** Spins on {@code values[slot]} until it is not 0 or {@link #release} is called; returns the rounds. */
    long spin(long[] values, int slot) {
        try {
            return (long) spin.invokeExact(values, slot, reader);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Ends the spin even if it will never see its flag (see the class comment). */
    void release() {
        released = true;
        stop.setVolatile(reader, true);
        try {
            Class.forName(name("SecondFlagReader"), true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load the second reader: " + e, e);
        }
    }

    boolean released() {
        return released;
    }

    private static String name(String simple) {
        return PlainSpin.class.getPackageName() + "." + simple;
    }

    /** Defines the spin's classes itself (child first) from this package's class files. */
    private static final class FreshLoader extends ClassLoader {
        FreshLoader() {
            super("threadlab-spin", PlainSpin.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                String simple = name.substring(name.lastIndexOf('.') + 1);
                if (!name.startsWith(PlainSpin.class.getPackageName() + ".") || !CLASSES.contains(simple)) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = PlainSpin.class.getResourceAsStream(simple + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
