package dev.spacetime.profiler;

import java.util.ArrayList;
import java.util.List;

/** Fixed-capacity ring of profiles, overwriting the oldest. Not thread-safe: {@link ProfileStore} guards it. */
final class Ring {
    private KeptProfile[] items;
    private int next;
    private int size;

    Ring(int capacity) {
        items = new KeptProfile[capacity];
    }

    void add(KeptProfile p) {
        items[next] = p;
        if (++next == items.length) { // not %: a division per request for nothing
            next = 0;
        }
        if (size < items.length) {
            size++;
        }
    }

    int size() {
        return size;
    }

    int capacity() {
        return items.length;
    }

    List<KeptProfile> newestFirst() {
        List<KeptProfile> out = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            out.add(items[Math.floorMod(next - i, items.length)]);
        }
        return out;
    }

    /** Changes the capacity, keeping the newest profiles that fit. */
    void resize(int capacity) {
        if (capacity == items.length) {
            return;
        }
        List<KeptProfile> newest = newestFirst();
        items = new KeptProfile[capacity];
        next = 0;
        size = 0;
        for (int i = Math.min(newest.size(), capacity) - 1; i >= 0; i--) {
            add(newest.get(i));
        }
    }

    void clear() {
        java.util.Arrays.fill(items, null);
        next = 0;
        size = 0;
    }
}
