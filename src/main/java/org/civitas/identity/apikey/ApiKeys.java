package org.civitas.identity.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.civitas.identity.ApiClient;
import org.civitas.identity.ApiKeyVerifier;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.IdentityEvents.ApiKeyCreated;
import org.civitas.identity.IdentityEvents.ApiKeyRevoked;
import org.civitas.platform.ExpiringCache;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.civitas.identity.security.ApiKeyAuthentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API keys for machine clients. A key is shown once, when created; only its SHA-256 is stored (a
 * key carries 200 random bits, so a fast hash is as safe as a slow one and keeps every API call cheap).
 */
@Service
public class ApiKeys implements ApiKeyVerifier {

    public static final String PREFIX = "civ_";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    /**
     * How long a verified key is trusted without asking the database again: a key revoked on another
     * node stops working here within this time (on this node, at once). See docs/operations.md.
     */
    static final Duration VERIFIED_TTL = Duration.ofSeconds(10);
    private static final int MIN_CONFIGURED_LENGTH = 24;

    public record CreatedKey(ApiKeyView key, String secret) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final TransactionTemplate newTransaction;
    /** Verified keys by the hex of their hash (never the key itself); unknown and revoked keys are not kept. */
    private final ExpiringCache<String, Verified> verified = new ExpiringCache<>(VERIFIED_TTL, 10_000);

    private record Verified(ApiClient client) {
    }

    ApiKeys(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Transactional
    public CreatedKey create(String name, String owner, Set<String> scopes, UUID createdBy) {
        return create(name, owner, scopes, createdBy, null);
    }

    /** @param fixedSecret a key chosen by the deployer (the demo key), or null to generate one */
    @Transactional
    public CreatedKey create(String name, String owner, Set<String> scopes, UUID createdBy, String fixedSecret) {
        List<Violation> violations = new ArrayList<>();
        if (name == null || name.isBlank() || name.trim().length() > 200) {
            violations.add(new Violation("name", "identity.apikey.name.required"));
        }
        if (owner == null || owner.isBlank() || owner.trim().length() > 200) {
            violations.add(new Violation("owner", "identity.apikey.owner.required"));
        }
        if (scopes == null || scopes.isEmpty() || !ApiScopes.ALL.containsAll(scopes)) {
            violations.add(new Violation("scopes", "identity.apikey.scopes.required"));
        }
        if (fixedSecret != null && fixedSecret.length() < MIN_CONFIGURED_LENGTH) {
            violations.add(new Violation("CIVITAS_DEMO_API_KEY", "identity.apikey.configured.short"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        String secret = fixedSecret != null ? fixedSecret : generate();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        List<String> ordered = ApiScopes.ALL.stream().filter(scopes::contains).toList();
        jdbc.sql("""
                insert into identity.api_key (id, key_hash, display_prefix, name, owner, scopes, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """).params(id, hash(secret), secret.substring(0, Math.min(12, secret.length())), name.trim(), owner.trim(),
                ordered.toArray(String[]::new), Timestamp.from(now), createdBy).update();
        events.publishEvent(new ApiKeyCreated(id, Set.copyOf(ordered), createdBy));
        return new CreatedKey(find(id).orElseThrow(), secret);
    }

    @Transactional(readOnly = true)
    public List<ApiKeyView> all() {
        return jdbc.sql("select * from identity.api_key order by revoked_at nulls first, created_at desc").query(ApiKeys::view).list();
    }

    @Transactional(readOnly = true)
    public Optional<ApiKeyView> find(UUID id) {
        return jdbc.sql("select * from identity.api_key where id = ?").param(id).query(ApiKeys::view).optional();
    }

    /** @return false when there is no such key or it was already revoked */
    @Transactional
    public boolean revoke(UUID id, UUID revokedBy) {
        int changed = jdbc.sql("update identity.api_key set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), revokedBy, id).update();
        if (changed == 1) {
            verified.invalidateAfterCommit();
            events.publishEvent(new ApiKeyRevoked(id, revokedBy));
        }
        return changed == 1;
    }

    /**
     * The client a key belongs to, while it is not revoked. Every API call asks, so a verified key is
     * kept for {@link #VERIFIED_TTL}; its last use is written at most once a minute.
     */
    @Override
    public Optional<ApiClient> verify(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = hash(presentedKey.trim());
        Verified known = verified.get(HexFormat.of().formatHex(hash), any -> newTransaction.execute(status -> lookUp(hash)));
        return Optional.ofNullable(known).map(Verified::client);
    }

    /** The key's row, recording its use (one write a minute at most, so a busy client does not turn every read into a write). */
    private Verified lookUp(byte[] hash) {
        record Row(UUID id, String name, String owner, String[] scopes, Timestamp lastUsedAt) {
        }
        Optional<Row> row = jdbc.sql("select id, name, owner, scopes, last_used_at from identity.api_key where key_hash = ? and revoked_at is null")
                .param(hash)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"),
                        (String[]) rs.getArray("scopes").getArray(), rs.getTimestamp("last_used_at")))
                .optional();
        return row.map(key -> {
            Instant now = clock.instant();
            Instant lastUsed = key.lastUsedAt() == null ? null : key.lastUsedAt().toInstant();
            if (lastUsed == null || lastUsed.plus(LAST_USED_PRECISION).isBefore(now)) {
                jdbc.sql("update identity.api_key set last_used_at = ? where id = ?").params(Timestamp.from(now), key.id()).update();
            }
            return new Verified(new ApiClient(key.id(), key.name(), key.owner(), new LinkedHashSet<>(Arrays.asList(key.scopes()))));
        }).orElse(null);
    }

    private String generate() {
        StringBuilder key = new StringBuilder(PREFIX);
        for (int i = 0; i < 40; i++) {
            key.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return key.toString();
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiKeyView view(ResultSet rs, int row) throws SQLException {
        return new ApiKeyView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"),
                rs.getString("display_prefix"), List.of((String[]) rs.getArray("scopes").getArray()),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public void actFor(ApiClient client) {
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(client));
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
    }
}
