package dev.spacetime.server.health;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's memory as the memory alerts see it: resident set size from {@code /proc/self/status} (what
 * {@code process_resident_memory_bytes} reports). Where /proc does not exist, JVM heap plus non-heap in use.
 * Reads a file: call it off the event loop.
 */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryProbe() {
    }

    public static long usedBytes() {
        if (Files.isReadable(STATUS)) {
            try {
                for (String line : Files.readAllLines(STATUS)) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall through to the JVM's own figure
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed() + memory.getNonHeapMemoryUsage().getUsed();
    }

    public static long usedMb() {
        return usedBytes() / (1024 * 1024);
    }
}
