package org.civitas.platform.ratelimit;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bucket4j's token buckets kept in {@code platform.rate_limit_bucket}, changed by compare-and-swap
 * (Bucket4j's own {@link AbstractCompareAndSwapBasedProxyManager} does the bucket arithmetic and the
 * retry loop). This node remembers the state it last wrote for each bucket, so in the steady state a
 * request costs one statement: an {@code UPDATE ... WHERE state = <what this node wrote>} in
 * autocommit (or an {@code INSERT ... ON CONFLICT DO NOTHING} for a new bucket). When another node
 * has changed the bucket meanwhile, that statement changes nothing, the remembered state is dropped,
 * and Bucket4j reads the row and tries again: the limit holds exactly across nodes.
 * <p>
 * Bucket4j's own PostgreSQL proxy managers (select for update, advisory lock) hold a transaction per
 * request and need three to five round trips; see docs/decisions/0017.
 */
final class PostgresBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    /** Buckets this node remembers at most; past that it forgets them all and reads rows again. */
    private static final int REMEMBERED = 20_000;

    private final JdbcClient jdbc;
    private final TimeMeter time;
    private final ExpirationAfterWriteStrategy expiry;
    private final ConcurrentMap<String, byte[]> lastWritten = new ConcurrentHashMap<>();

    PostgresBuckets(JdbcClient jdbc, TimeMeter time, ExpirationAfterWriteStrategy expiry) {
        super(ClientSideConfig.getDefault().withClientClock(time).withExpirationAfterWriteStrategy(expiry));
        this.jdbc = jdbc;
        this.time = time;
        this.expiry = expiry;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {

            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeout) {
                byte[] known = lastWritten.get(key);
                if (known != null) {
                    return Optional.of(known);
                }
                return jdbc.sql("select state from platform.rate_limit_bucket where id = ?").param(key)
                        .query((rs, n) -> rs.getBytes(1)).optional();
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState, Optional<Long> timeout) {
                long expiresAt = expiresAt(newState);
                int changed = originalData == null
                        ? jdbc.sql("insert into platform.rate_limit_bucket (id, state, expires_at) values (?, ?, ?) on conflict do nothing")
                                .params(key, newData, expiresAt).update()
                        : jdbc.sql("update platform.rate_limit_bucket set state = ?, expires_at = ? where id = ? and state = ?")
                                .params(newData, expiresAt, key, originalData).update();
                if (changed == 1) {
                    if (lastWritten.size() >= REMEMBERED) {
                        lastWritten.clear();
                    }
                    lastWritten.put(key, Arrays.copyOf(newData, newData.length));
                    return true;
                }
                lastWritten.remove(key); // another node changed (or the cleaner removed) the bucket: read it next time
                return false;
            }
        };
    }

    /** When the bucket will have refilled completely, in epoch milliseconds (Bucket4j's PostgreSQL layout). */
    private long expiresAt(RemoteBucketState state) {
        long now = time.currentTimeNanos();
        return now / 1_000_000 + Math.max(0, expiry.calculateTimeToLiveMillis(state, now));
    }

    /** Deletes buckets that have refilled completely (a fresh bucket is the same); how many. */
    int removeExpired() {
        long now = time.currentTimeNanos() / 1_000_000;
        lastWritten.clear();
        return jdbc.sql("delete from platform.rate_limit_bucket where expires_at < ?").param(now).update();
    }

    /** Forgets what this node wrote, as a node that just started would. */
    void forget() {
        lastWritten.clear();
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("the rate limits are checked synchronously");
    }

    @Override
    protected java.util.concurrent.CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("the rate limits are checked synchronously");
    }

    @Override
    public void removeProxy(String key) {
        lastWritten.remove(key);
        jdbc.sql("delete from platform.rate_limit_bucket where id = ?").param(key).update();
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }
}
