/**
 * "Your Python": a lesson's Python listing run for real on the learner's own interpreter, only
 * after the learner agrees to the exact code ({@link org.threadlab.ui.python.ConsentDialog}), its
 * output streamed, its times measured, and for lessons about speed its real speed-ups set beside
 * ThreadLab's simulated GIL ({@link org.threadlab.ui.python.PythonPanel}).
 */
package org.threadlab.ui.python;
