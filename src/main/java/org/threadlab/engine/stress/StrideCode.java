package org.threadlab.engine.stress;

import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.threadlab.engine.program.Op;

/**
 * One worker's stride as JVM bytecode of its own: a loop over the stride's trials that plays the worker's
 * program once per trial, with the program's locals in the JVM's local variables. Each worker gets a class
 * of its own (a hidden class), so the JIT compiles each worker's loop separately, with its program inlined,
 * as jcstress compiles each actor's code: a {@code read; add 1; write} then costs a load, an add and a
 * store, as the learner's Java listing does. Reads and writes are opaque ({@link Stress#read}, {@link Stress#write}):
 * on x86 and ARM the same plain loads and stores, with no fence, but the JIT keeps every one of them. With plain
 * array accesses it merged a worker's repeated increments of a slot into one read and one write of the sum (real
 * Java, and what it may do to the Java listing too), so a whole worker's additions vanished at once and the
 * lesson's steps, each read and write on its own, were no longer what raced.
 *
 * <p>Why not only {@link TrialCode}: measured on the smallest race (issue 18), interpreting the instructions
 * took 30 to 50 ns per trial, and lost an update in 1 to 15 % of trials, run by run; the same stride as
 * compiled Java lost far more updates per second. The memory is the same either way: the trial slots in
 * plain {@code long}s, real locks ({@link Stress#lockTrial}), atomic adds with a real atomic instruction.
 *
 * <p>What cannot be written out this way (a value computed by a formula) is left to {@link TrialCode}.
 */
abstract class StrideCode {
    private static final String HOST = Type.getInternalName(Stress.class);
    private static final String HOST_DESC = Type.getDescriptor(Stress.class);
    private static final String TRIAL_DESC = "(" + HOST_DESC + "[JI)Z";

    /**
     * Plays the trials {@code base} to {@code base + size - 1} (slot numbers) of stride {@code stride}, whose first
     * trial has sequence number {@code first}; around the trials the first worker samples it tells the host.
     */
    abstract void run(Stress host, long[] memory, int base, int size, long first, long stride);

    /**
     * The stride of worker {@code lane} written out as a class of its own, or empty when its program uses
     * something only the interpreter plays (a formula).
     *
     * @param fresh     the program's locals at the start of a trial
     * @param vars      shared variables per trial (the slot of trial {@code t} starts at {@code t * vars})
     * @param lockIndex the lesson's lock numbers to the trial's dense lock numbers
     */
    static Optional<StrideCode> compile(int lane, Op[] ops, long[] fresh, int vars, Map<Integer, Integer> lockIndex) {
        if (!canWrite(ops)) {
            return Optional.empty();
        }
        String name = Type.getInternalName(StrideCode.class) + "$Worker" + lane;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V21, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, Type.getInternalName(StrideCode.class), null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, Type.getInternalName(StrideCode.class), "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        try {
            writeRun(cw, name, lane);
            writeTrial(cw, lane, ops, fresh, vars, lockIndex);
            cw.visitEnd();
            Class<?> c = MethodHandles.lookup().defineHiddenClass(cw.toByteArray(), true).lookupClass();
            return Optional.of((StrideCode) c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // a program too long for one method (ASM's MethodTooLargeException), or bytecode the JVM refuses:
            // the interpreter plays it instead
            return Optional.empty();
        }
    }

    /** Whether a program can be written out: it computes no value with a formula. */
    static boolean canWrite(Op[] ops) {
        for (Op op : ops) {
            boolean formula = switch (op) {
                case Op.Add a -> a.value() instanceof Op.Formula;
                case Op.AtomicAdd a -> a.by() instanceof Op.Formula;
                case Op.RepeatStart r -> r.times() instanceof Op.Formula;
                case Op.Branch b -> b.test() instanceof Op.Formula;
                default -> false;
            };
            if (formula) {
                return false;
            }
        }
        return true;
    }

    /**
     * <pre>
     * void run(Stress host, long[] memory, int base, int size, long first, long stride) {
     *     for (int i = 0; i < size; i++) {
     *         boolean sampled = Stress.sampled(i, stride);
     *         if (sampled) host.beforeSampled(LANE, first + i);
     *         if (!trial(host, memory, base + i)) host.deadlocked(base + i);
     *         if (sampled) host.afterSampled(LANE, first + i);
     *     }
     * }
     * </pre>
     */
    private static void writeRun(ClassWriter cw, String name, int lane) {
        MethodVisitor m = cw.visitMethod(0, "run", "(" + HOST_DESC + "[JIIJJ)V", null, null);
        m.visitCode();
        // 0 this, 1 host, 2 memory, 3 base, 4 size, 5-6 first, 7-8 stride, 9 i, 10 sampled
        m.visitInsn(Opcodes.ICONST_0);
        m.visitVarInsn(Opcodes.ISTORE, 9);
        Label test = new Label();
        Label end = new Label();
        m.visitLabel(test);
        m.visitVarInsn(Opcodes.ILOAD, 9);
        m.visitVarInsn(Opcodes.ILOAD, 4);
        m.visitJumpInsn(Opcodes.IF_ICMPGE, end);
        m.visitVarInsn(Opcodes.ILOAD, 9);
        m.visitVarInsn(Opcodes.LLOAD, 7);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, HOST, "sampled", "(IJ)Z", false);
        m.visitVarInsn(Opcodes.ISTORE, 10);
        tellHost(m, lane, "beforeSampled");
        Label played = new Label();
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitVarInsn(Opcodes.ALOAD, 2);
        m.visitVarInsn(Opcodes.ILOAD, 3);
        m.visitVarInsn(Opcodes.ILOAD, 9);
        m.visitInsn(Opcodes.IADD);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, name, "trial", TRIAL_DESC, false);
        m.visitJumpInsn(Opcodes.IFNE, played);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitVarInsn(Opcodes.ILOAD, 3);
        m.visitVarInsn(Opcodes.ILOAD, 9);
        m.visitInsn(Opcodes.IADD);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, HOST, "deadlocked", "(I)V", false);
        m.visitLabel(played);
        tellHost(m, lane, "afterSampled");
        m.visitIincInsn(9, 1);
        m.visitJumpInsn(Opcodes.GOTO, test);
        m.visitLabel(end);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    /** {@code if (sampled) host.<method>(LANE, first + i);} */
    private static void tellHost(MethodVisitor m, int lane, String method) {
        Label skip = new Label();
        m.visitVarInsn(Opcodes.ILOAD, 10);
        m.visitJumpInsn(Opcodes.IFEQ, skip);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        pushInt(m, lane);
        m.visitVarInsn(Opcodes.LLOAD, 5);
        m.visitVarInsn(Opcodes.ILOAD, 9);
        m.visitInsn(Opcodes.I2L);
        m.visitInsn(Opcodes.LADD);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, HOST, method, "(IJ)V", false);
        m.visitLabel(skip);
    }

    /**
     * {@code static boolean trial(Stress host, long[] memory, int t)}: the program over trial {@code t}, false if
     * the trial deadlocked. JVM locals: 0 host, 1 memory, 2 t, 3 the slot's first index, then the program's
     * locals, two JVM slots each.
     */
    private static void writeTrial(ClassWriter cw, int lane, Op[] ops, long[] fresh, int vars, Map<Integer, Integer> lockIndex) {
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_STATIC, "trial", TRIAL_DESC, null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.ILOAD, 2);
        pushInt(m, vars);
        m.visitInsn(Opcodes.IMUL);
        m.visitVarInsn(Opcodes.ISTORE, 3);
        for (int k = 0; k < fresh.length; k++) {
            pushLong(m, fresh[k]);
            m.visitVarInsn(Opcodes.LSTORE, local(k));
        }
        Label[] at = new Label[ops.length + 1];
        for (int i = 0; i < at.length; i++) {
            at[i] = new Label();
        }
        for (int i = 0; i < ops.length; i++) {
            m.visitLabel(at[i]);
            switch (ops[i]) {
                case Op.Read r -> {
                    slot(m, r.variable());
                    m.visitMethodInsn(Opcodes.INVOKESTATIC, HOST, "read", "([JI)J", false);
                    m.visitVarInsn(Opcodes.LSTORE, local(r.local()));
                }
                case Op.Add a -> {
                    m.visitVarInsn(Opcodes.LLOAD, local(a.local()));
                    value(m, a.value());
                    m.visitInsn(Opcodes.LADD);
                    m.visitVarInsn(Opcodes.LSTORE, local(a.local()));
                }
                case Op.Write w -> {
                    slot(m, w.variable());
                    m.visitVarInsn(Opcodes.LLOAD, local(w.local()));
                    m.visitMethodInsn(Opcodes.INVOKESTATIC, HOST, "write", "([JIJ)V", false);
                }
                case Op.AtomicAdd a -> {
                    slot(m, a.variable());
                    value(m, a.by());
                    m.visitMethodInsn(Opcodes.INVOKESTATIC, HOST, "atomicAdd", "([JIJ)V", false);
                }
                case Op.Lock l -> {
                    Label taken = new Label();
                    m.visitVarInsn(Opcodes.ALOAD, 0);
                    pushInt(m, lane);
                    m.visitVarInsn(Opcodes.ILOAD, 2);
                    pushInt(m, lockIndex.get(l.lock()));
                    m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, HOST, "lockTrial", "(III)Z", false);
                    m.visitJumpInsn(Opcodes.IFNE, taken);
                    m.visitInsn(Opcodes.ICONST_0);
                    m.visitInsn(Opcodes.IRETURN);
                    m.visitLabel(taken);
                }
                case Op.Unlock u -> {
                    m.visitVarInsn(Opcodes.ALOAD, 0);
                    m.visitVarInsn(Opcodes.ILOAD, 2);
                    pushInt(m, lockIndex.get(u.lock()));
                    m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, HOST, "unlockTrial", "(II)V", false);
                }
                case Op.Return r -> {
                    m.visitInsn(Opcodes.ICONST_1);
                    m.visitInsn(Opcodes.IRETURN);
                }
                case Op.RepeatStart r -> {
                    value(m, r.times());
                    m.visitVarInsn(Opcodes.LSTORE, local(r.counter()));
                    m.visitVarInsn(Opcodes.LLOAD, local(r.counter()));
                    m.visitInsn(Opcodes.LCONST_0);
                    m.visitInsn(Opcodes.LCMP);
                    m.visitJumpInsn(Opcodes.IFLE, at[r.exit()]);
                    if (r.as() >= 0) {
                        m.visitInsn(Opcodes.LCONST_1);
                        m.visitVarInsn(Opcodes.LSTORE, local(r.as()));
                    }
                }
                case Op.RepeatEnd r -> {
                    m.visitVarInsn(Opcodes.LLOAD, local(r.counter()));
                    m.visitInsn(Opcodes.LCONST_1);
                    m.visitInsn(Opcodes.LSUB);
                    m.visitInsn(Opcodes.DUP2);
                    m.visitVarInsn(Opcodes.LSTORE, local(r.counter()));
                    m.visitInsn(Opcodes.LCONST_0);
                    m.visitInsn(Opcodes.LCMP);
                    m.visitJumpInsn(Opcodes.IFLE, at[i + 1]);
                    if (r.as() >= 0) {
                        m.visitVarInsn(Opcodes.LLOAD, local(r.as()));
                        m.visitInsn(Opcodes.LCONST_1);
                        m.visitInsn(Opcodes.LADD);
                        m.visitVarInsn(Opcodes.LSTORE, local(r.as()));
                    }
                    m.visitJumpInsn(Opcodes.GOTO, at[r.body()]);
                }
                case Op.Branch b -> {
                    value(m, b.test());
                    m.visitInsn(Opcodes.LCONST_0);
                    m.visitInsn(Opcodes.LCMP);
                    m.visitJumpInsn(Opcodes.IFEQ, at[b.otherwise()]);
                }
                case Op.Jump j -> m.visitJumpInsn(Opcodes.GOTO, at[j.target()]);
                default -> throw new IllegalArgumentException("stress cannot repeat " + ops[i]);
            }
        }
        m.visitLabel(at[ops.length]);
        m.visitInsn(Opcodes.ICONST_1);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    private static int local(int k) {
        return 4 + 2 * k;
    }

    /** Pushes {@code memory} and the index of shared variable {@code variable} of this trial's slot. */
    private static void slot(MethodVisitor m, int variable) {
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitVarInsn(Opcodes.ILOAD, 3);
        if (variable != 0) {
            pushInt(m, variable);
            m.visitInsn(Opcodes.IADD);
        }
    }

    private static void value(MethodVisitor m, Op.Value v) {
        switch (v) {
            case Op.Const c -> pushLong(m, c.value());
            case Op.Local l -> m.visitVarInsn(Opcodes.LLOAD, local(l.slot()));
            case Op.Formula f -> throw new IllegalArgumentException("a formula is left to the interpreter");
        }
    }

    private static void pushInt(MethodVisitor m, int v) {
        if (v >= -1 && v <= 5) {
            m.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            m.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            m.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            m.visitLdcInsn(v);
        }
    }

    private static void pushLong(MethodVisitor m, long v) {
        if (v == 0 || v == 1) {
            m.visitInsn(Opcodes.LCONST_0 + (int) v);
        } else {
            m.visitLdcInsn(v);
        }
    }
}
