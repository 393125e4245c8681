package org.threadlab.engine.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A spin on a plain variable, for real: the JIT may hoist its read; release always ends it. */
class PlainSpinTest {
    /** Spins on a fresh slot, sets it after the loop is hot, and tells whether the spin saw it by itself. */
    private static boolean sawTheFlagByItself() throws Exception {
        long[] values = new long[1];
        PlainSpin spin = new PlainSpin();
        CompletableFuture<Long> rounds = CompletableFuture.supplyAsync(() -> spin.spin(values, 0),
                r -> Thread.ofPlatform().daemon().start(r));
        Thread.sleep(400); // long enough for the loop to be compiled on the stack
        values[0] = 1;
        try {
            rounds.get(1, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException stillSpinning) {
            spin.release();
            rounds.get(30, TimeUnit.SECONDS); // released: the JVM drops the compiled loop and it ends
            assertTrue(spin.released());
            return false;
        }
    }

    @Test
    void aCompiledSpinOnAPlainVariableCanMissTheFlagAndReleaseEndsIt() throws Exception {
        boolean missed = false;
        for (int i = 0; i < 5 && !missed; i++) {
            missed = !sawTheFlagByItself();
        }
        assertTrue(missed, "in 5 tries the compiled spin never missed a plain flag set after it was hot");
    }

    @Test
    void releaseEndsASpinWhoseFlagIsNeverSet() throws Exception {
        long[] values = new long[1];
        PlainSpin spin = new PlainSpin();
        CompletableFuture<Long> rounds = CompletableFuture.supplyAsync(() -> spin.spin(values, 0),
                r -> Thread.ofPlatform().daemon().start(r));
        Thread.sleep(200);
        assertFalse(rounds.isDone());
        spin.release();
        assertTrue(rounds.get(30, TimeUnit.SECONDS) > 0);
    }
}
