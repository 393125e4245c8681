/**
 * The lock view: each lock's owner, its queue of waiters in order, and its contention figures; above
 * them, the circle of a run that ended in a deadlock, as the run's result reports it.
 */
package org.threadlab.ui.locks;
