package org.threadlab.engine.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.threadlab.engine.program.CompiledLesson;
import org.threadlab.engine.program.Op;
import org.threadlab.engine.program.Program;
import org.threadlab.engine.program.Task;
import org.threadlab.lesson.Lesson;
import org.threadlab.lesson.LessonLibrary;
import org.threadlab.lesson.SharedState;
import org.threadlab.lesson.Variant;

/** A child runs the plan its parent compiled: what {@link PlanCodec} writes must come back the same. */
class PlanCodecTest {

    @Test
    void everyVariantOfEveryLessonComesBackTheSame() throws IOException {
        LessonLibrary.Loaded loaded = LessonLibrary.standard().loadAll();
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        int plans = 0;
        int formulas = 0;
        for (Lesson lesson : loaded.lessons()) {
            List<String> variants = lesson.variants().isEmpty() ? List.of("")
                    : lesson.variants().stream().map(Variant::name).toList();
            for (String variant : variants) {
                Lesson resolved = lesson.resolve(variant);
                Plan plan = Plan.compile(resolved, CompiledLesson.params(resolved, resolved.run().workers(), java.util.Map.of()));
                byte[] bytes = encode(resolved.shared(), plan);
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
                SharedState shared = PlanCodec.readShared(in);
                Plan back = PlanCodec.readPlan(in);
                assertEquals(-1, in.read(), "nothing left over");
                String where = lesson.id() + "/" + variant;
                assertEquals(resolved.shared(), shared, where);
                assertEquals(plan.steps(), back.steps(), where);
                assertEquals(plan.downloads(), back.downloads(), where);
                assertEquals(plan.tasks().size(), back.tasks().size(), where);
                for (int t = 0; t < plan.tasks().size(); t++) {
                    Task a = plan.tasks().get(t);
                    Task b = back.tasks().get(t);
                    assertEquals(a.name(), b.name(), where);
                    assertEquals(a.copy(), b.copy(), where);
                    formulas += assertSameProgram(a.program(), b.program(), where);
                }
                assertEquals(plan.main().size(), back.main().size(), where);
                for (int m = 0; m < plan.main().size(); m++) {
                    formulas += assertSameProgram(plan.main().get(m), back.main().get(m), where);
                }
                // and writing what was read gives the very same bytes
                assertArrayEquals(bytes, encode(shared, back), where);
                plans++;
            }
        }
        assertTrue(plans >= 20, "plans checked: " + plans);
        assertTrue(formulas > 0, "some lesson has a value that is neither a constant nor a local");
    }

    /** Same ops, field by field; values must give the same numbers. Returns how many formulas it compared. */
    private static int assertSameProgram(Program a, Program b, String where) {
        assertEquals(a.worker(), b.worker(), where);
        assertEquals(a.localNames(), b.localNames(), where);
        assertEquals(a.copySlot(), b.copySlot(), where);
        assertEquals(a.ops().length, b.ops().length, where);
        Random random = new Random(42);
        int formulas = 0;
        for (int i = 0; i < a.ops().length; i++) {
            Op x = a.ops()[i];
            Op y = b.ops()[i];
            assertEquals(x.getClass(), y.getClass(), where + " op " + i);
            for (var c : x.getClass().getRecordComponents()) {
                Object u = get(c, x);
                Object v = get(c, y);
                if (u instanceof Op.Value vu) {
                    if (vu instanceof Op.Formula) {
                        formulas++;
                    }
                    for (int k = 0; k < 5; k++) {
                        long[] locals = new long[a.localCount()];
                        Arrays.setAll(locals, j -> random.nextInt(1000));
                        assertEquals(vu.eval(locals), ((Op.Value) v).eval(locals), where + " op " + i + " " + c.getName());
                    }
                } else if (u instanceof String[] su) {
                    assertArrayEquals(su, (String[]) v, where);
                } else if (u instanceof int[] iu) {
                    assertArrayEquals(iu, (int[]) v, where);
                } else {
                    assertEquals(u, v, where + " op " + i + " " + c.getName());
                }
            }
        }
        return formulas;
    }

    private static Object get(java.lang.reflect.RecordComponent c, Object o) {
        try {
            return c.getAccessor().invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDamagedPlanIsRefusedWithAReason() throws Exception {
        Lesson lesson = LessonLibrary.standard().find("shared-counter").resolve("");
        Plan plan = Plan.compile(lesson, CompiledLesson.params(lesson, 2, java.util.Map.of()));
        byte[] bytes = encode(lesson.shared(), plan);

        // cut short anywhere: an error, never a plan
        for (int cut : new int[] {3, bytes.length / 3, bytes.length / 2, bytes.length - 1}) {
            byte[] part = Arrays.copyOf(bytes, cut);
            assertThrows(IOException.class, () -> decode(part), "cut at " + cut);
        }

        // a local slot out of range: the first op of the first task is a read into a local
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(head);
        PlanCodec.writeShared(out, lesson.shared());
        int sharedBytes = head.size();
        int firstOp = indexOfOpTag(bytes, sharedBytes, plan);
        byte[] badTag = bytes.clone();
        badTag[firstOp + 3] = 99; // the int tag's low byte
        IOException e = assertThrows(IOException.class, () -> decode(badTag));
        assertTrue(e.getMessage().contains("unknown op tag 99"), e.getMessage());
    }

    /** Where the first op of the first task starts: found by writing the plan up to it. */
    private static int indexOfOpTag(byte[] bytes, int sharedBytes, Plan plan) throws IOException {
        Program p = plan.tasks().get(0).program();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        // steps
        Plan stepsOnly = new Plan(List.of(), List.of(), plan.steps(), false);
        PlanCodec.writePlan(out, stepsOnly);
        int stepsBytes = buf.size() - 4 - 4 - 1; // without the empty task and main counts and the flag
        ByteArrayOutputStream prog = new ByteArrayOutputStream();
        DataOutputStream po = new DataOutputStream(prog);
        ProcessProtocol.writeString(po, plan.tasks().get(0).name());
        po.writeInt(plan.tasks().get(0).copy());
        ProcessProtocol.writeString(po, p.worker());
        po.writeInt(p.localNames().size());
        for (String s : p.localNames()) {
            ProcessProtocol.writeString(po, s);
        }
        po.writeInt(p.copySlot());
        po.writeInt(p.ops().length);
        int at = sharedBytes + stepsBytes + 4 + prog.size();
        assertFalse(at >= bytes.length);
        return at;
    }

    private static byte[] encode(SharedState shared, Plan plan) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        PlanCodec.writeShared(out, shared);
        PlanCodec.writePlan(out, plan);
        out.flush();
        return buf.toByteArray();
    }

    private static void decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        PlanCodec.readShared(in);
        PlanCodec.readPlan(in);
    }
}
