package io.infrapivot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The advisory lock that says a case is in use: every open store holds a shared lock on one byte (its own,
 * chosen at random, so that several stores of one process never overlap) of the case's {@code -lock} file;
 * {@code case delete} takes an exclusive lock on the whole file, which fails while any store of another process
 * holds the case. A separate file, because closing any descriptor of a file drops all of a process's POSIX
 * locks on it, which would take SQLite's own locks on the case file with it. Limitation: two stores of one case
 * in one process share the kernel's lock bookkeeping, so closing one may release the other's lock.
 */
final class CaseLock implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final FileChannel channel;
    private final FileLock lock;

    private CaseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a case file. */
    static Path fileOf(Path caseFile) {
        return caseFile.resolveSibling(caseFile.getFileName() + "-lock");
    }

    /** A shared hold on the case for an open store; waits while a delete holds it exclusively. */
    static CaseLock shared(Path caseFile) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(fileOf(caseFile), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            long position = RANDOM.nextLong(Long.MAX_VALUE - 1);
            FileLock l = ch.lock(position, 1, true);
            return new CaseLock(ch, l);
        } catch (IOException e) {
            // a case in a folder we may not write (read-only media): used without the lock
            closeQuietly(ch);
            java.util.logging.Logger.getLogger(CaseLock.class.getName()).fine("no lock for " + caseFile + ": " + e);
            return new CaseLock(null, null);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** The whole case for deleting it, or null while a store (of any process) has it open. */
    static CaseLock exclusive(Path caseFile) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(fileOf(caseFile), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock l = ch.tryLock(0, Long.MAX_VALUE, false);
            if (l == null) {
                ch.close();
                return null;
            }
            return new CaseLock(ch, l);
        } catch (OverlappingFileLockException inThisProcess) {
            closeQuietly(ch);
            return null;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("could not lock the case file " + caseFile, e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException e) {
            java.util.logging.Logger.getLogger(CaseLock.class.getName()).fine("closing a lock file: " + e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null && lock.isValid()) lock.release();
        } catch (IOException e) {
            java.util.logging.Logger.getLogger(CaseLock.class.getName()).fine("releasing a case lock: " + e);
        } finally {
            closeQuietly(channel);
        }
    }
}
