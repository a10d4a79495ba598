package io.infrapivot.app.cli;

/**
 * The lines source threads print while a command runs ({@code pivot --json}'s facts), and the block the command
 * prints when it has finished (the summary), under one lock: once the command closes the gate, a late outcome
 * (a lookup stopped by Ctrl-C finishing its last write) is dropped, never printed into or after the summary.
 */
final class OutputGate {
    private final Object lock;
    private boolean closed;

    /** {@code lock}: the object every printer of the same output synchronises on (the command's terminal). */
    OutputGate(Object lock) {
        this.lock = lock;
    }

    /** Runs {@code print} unless the gate is closed; false when it was dropped. */
    boolean print(Runnable print) {
        synchronized (lock) {
            if (closed) return false;
            print.run();
            return true;
        }
    }

    /** Closes the gate and runs {@code last} with no other printer in between or after it. */
    void closeThen(Runnable last) {
        synchronized (lock) {
            closed = true;
            last.run();
        }
    }
}
