/**
 * The JavaFX window. Views render a recorded trace; they never touch a live thread.
 */
package org.threadlab.ui;
