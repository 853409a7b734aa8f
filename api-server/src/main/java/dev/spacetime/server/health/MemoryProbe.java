package dev.spacetime.server.health;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The process's memory figures. The memory check judges {@link Reading#heapAfterGcBytes()}: what the heap still
 * held after the last collection, i.e. live data plus what that collection left, not garbage waiting for the next
 * one. RSS is what the memory alerts watch ({@code process_resident_memory_bytes}). Reads /proc: call it off the
 * event loop.
 */
@FunctionalInterface
public interface MemoryProbe {

    Reading read();

    /**
     * One reading, in bytes.
     *
     * @param rssBytes         resident set size from {@code /proc/self/status}; heap plus non-heap in use where
     *                         /proc does not exist
     * @param heapUsedBytes    heap in use now, garbage included
     * @param heapAfterGcBytes heap in use after the last collection, summed over the heap pools; a pool that no
     *                         collection has visited yet counts with its current use
     * @param heapMaxBytes     the heap limit ({@code -Xmx}, {@code -XX:MaxRAMPercentage}); 0 when undefined
     * @param nonHeapBytes     non-heap in use (metaspace, code cache, ...)
     */
    record Reading(long rssBytes, long heapUsedBytes, long heapAfterGcBytes, long heapMaxBytes, long nonHeapBytes) {
    }

    /** This JVM's figures. */
    static MemoryProbe jvm() {
        return Jvm.INSTANCE;
    }

    /** Resident memory in MB, what {@code GET /health/quick} reports as {@code memory_mb}. */
    static long usedMb() {
        return jvm().read().rssBytes() / (1024 * 1024);
    }

    /** Reads the platform MXBeans and /proc; stateless. */
    enum Jvm implements MemoryProbe {
        INSTANCE;

        private static final Path STATUS = Path.of("/proc/self/status");

        @Override
        public Reading read() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            MemoryUsage heap = memory.getHeapMemoryUsage();
            long nonHeap = memory.getNonHeapMemoryUsage().getUsed();
            long rss = rss();
            return new Reading(rss >= 0 ? rss : heap.getUsed() + nonHeap, heap.getUsed(), heapAfterGc(),
                    Math.max(0, heap.getMax()), nonHeap);
        }

        private static long heapAfterGc() {
            Map<String, Long> collections = new HashMap<>();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                collections.put(gc.getName(), gc.getCollectionCount());
            }
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() != MemoryType.HEAP || !pool.isValid()) {
                    continue;
                }
                MemoryUsage after = pool.getCollectionUsage();
                // Before its first collection a pool reports 0 after GC: count what it holds instead (e.g. the
                // old generation of Serial or Parallel GC, which young collections do not visit).
                boolean collected = false;
                for (String manager : pool.getMemoryManagerNames()) {
                    collected |= collections.getOrDefault(manager, 0L) > 0;
                }
                sum += after != null && collected ? after.getUsed() : pool.getUsage().getUsed();
            }
            return sum;
        }

        private static long rss() {
            if (Files.isReadable(STATUS)) {
                try {
                    for (String line : Files.readAllLines(STATUS)) {
                        if (line.startsWith("VmRSS:")) {
                            return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    // the JVM's own figures instead
                }
            }
            return -1;
        }
    }
}
