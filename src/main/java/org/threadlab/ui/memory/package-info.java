/** The shared-memory view: each shared variable's value, lost updates, and each worker's register. */
package org.threadlab.ui.memory;
