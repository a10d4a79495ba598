package io.infrapivot.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Character and block devices named as input files: endless or unsafe to read, unlike a pipe ({@code <(cmd)}). */
final class LocalDevices {
    private static final int TYPE_MASK = 0170000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    private LocalDevices() {}

    /** True when {@code p} (links followed) is a character or block device; false when unknown (no POSIX mode). */
    static boolean isDevice(Path p) {
        try {
            if (Files.isRegularFile(p) || Files.isDirectory(p)) return false;
            int type = (Integer) Files.getAttribute(p, "unix:mode") & TYPE_MASK;
            return type == CHARACTER_DEVICE || type == BLOCK_DEVICE;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false; // not a Unix file system: read it as before
        }
    }
}
