package org.civitas.platform;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A small in-memory cache for data read on every request that rarely changes (the catalogue's live
 * services, bank holidays, verified API keys). Entries expire after {@code ttl}, which bounds how
 * long a change made on another node goes unseen here; a change made on this node clears the cache
 * at once through {@link #invalidateAfterCommit()}. At most {@code maxEntries} entries: beyond that
 * the cache starts again empty, so unbounded keys cannot fill the heap.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    /** Bumped by every invalidation, so a load that raced with a change is not kept. */
    private final AtomicLong generation = new AtomicLong();

    public ExpiringCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The cached value, or {@code loader}'s (kept unless a change came in meanwhile); null values are not kept. */
    public V get(K key, Function<K, V> loader) {
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.loadedAt() < ttlNanos) {
            return entry.value();
        }
        long before = generation.get();
        V value = loader.apply(key);
        if (value != null && generation.get() == before) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(value, now));
        }
        return value;
    }

    /** Forgets everything now. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    /**
     * Forgets everything now and again when the current transaction ends, so that a reader that
     * loaded the old data before the commit does not keep it.
     */
    public void invalidateAfterCommit() {
        invalidateAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    invalidateAll();
                }
            });
        }
    }
}
