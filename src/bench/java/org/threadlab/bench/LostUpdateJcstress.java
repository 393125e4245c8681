package org.threadlab.bench;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The race of {@code shared-counter}, variant {@code no-lock}, {@code n=1}, written for jcstress: two
 * actors each add one to a plain int of a fresh state, the arbiter reads it after both. jcstress
 * generates the runner for this class at compile time (its annotation processor), and
 * {@link JcstressSideBySide} runs it beside ThreadLab's own stress.
 */
@JCStressTest
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "both increments landed")
@Outcome(id = "1", expect = Expect.ACCEPTABLE_INTERESTING, desc = "lost update")
@State
public class LostUpdateJcstress {
    int v;

    @Actor
    public void first() {
        v++;
    }

    @Actor
    public void second() {
        v++;
    }

    @Arbiter
    public void read(I_Result r) {
        r.r1 = v;
    }
}
