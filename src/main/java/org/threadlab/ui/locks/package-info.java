/** The lock view: each lock's owner, its queue of waiters in order, and its contention figures. */
package org.threadlab.ui.locks;
