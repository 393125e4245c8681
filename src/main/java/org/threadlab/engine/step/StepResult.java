package org.threadlab.engine.step;

import org.threadlab.trace.TraceInfo.StepInfo;

/**
 * What one step did, enough for a view to highlight the listing line, show the register and
 * update shared memory.
 *
 * @param lane     lane number
 * @param kind     the step kind ({@code read}, {@code add}, {@code write}, {@code increment},
 *                 {@code lock}, ...), or {@code start} and {@code join} for the main thread's own
 * @param step     the step as the trace names it (mark, line, label); null for {@code start} and
 *                 {@code join}
 * @param variable the shared variable read or written, or -1
 * @param value    the value read or written, the register after an add, a compute's result, ...
 * @param text     one readable sentence, e.g. {@code adder-1 reads counter = 0 into tmp}
 * @param printed  the line a {@code print} step wrote, or null
 */
public record StepResult(int lane, String kind, StepInfo step, int variable, long value, String text,
                         String printed) {

    /** The listing mark of the step, or {@code ""}. */
    public String mark() {
        return step == null ? "" : step.mark();
    }
}
