package org.heaviside.data;

/** An open-addressing set of 64-bit keys used to count distinct values without boxing. */
final class LongHashSet {
    private static final long EMPTY = 0L;
    private long[] slots = new long[64];
    private boolean hasZero;
    private int size;

    /** Adds a key; returns whether it was new. */
    boolean add(long key) {
        if (key == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            if (added) {
                size++;
            }
            return added;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) mix(key) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long key : old) {
            if (key != EMPTY) {
                int i = (int) mix(key) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = key;
            }
        }
    }

    private static long mix(long key) {
        // murmur3 finalizer: spreads clustered keys over the table
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** A 64-bit hash of a string (two independent 32-bit hashes). */
    static long hash(String text) {
        int second = 0x811C9DC5;
        for (int i = 0; i < text.length(); i++) {
            second = (second ^ text.charAt(i)) * 0x01000193;
        }
        return ((long) text.hashCode() << 32) ^ (second & 0xFFFFFFFFL);
    }
}
