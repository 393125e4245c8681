/** The result of a run: final values, the graded outcome, the learner's prediction, times. */
package org.threadlab.ui.result;
