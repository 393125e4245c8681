/** The semaphores and queues view: each semaphore's permits and waiters, each queue's items and blocked workers. */
package org.threadlab.ui.sync;
