package org.threadlab.engine.program;

/** One worker to run: a lane name, its program and its copy number (the n-th of the worker's copies). */
public record Task(String name, Program program, int copy) {}
