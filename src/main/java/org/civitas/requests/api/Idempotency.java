package org.civitas.requests.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Native API POSTs sent with an {@code Idempotency-Key}: the first answer is stored in the same
 * transaction as the change it made; a retry with the same key and the same request gets that
 * answer again and changes nothing; the same key with a different request is refused (422). Keys
 * are per caller, so two callers never see each other's answers.
 */
@Component
class Idempotency {

    static final String HEADER = "Idempotency-Key";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    Idempotency(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    private record Stored(String requestHash, int status, String body) {
    }

    private static final class Raced extends RuntimeException {
        Raced() {
            super(null, null, false, false);
        }
    }

    /** Runs {@code action} once per key; {@code request} identifies what was asked (method, path, body). */
    ResponseEntity<?> once(String key, String caller, String request, Supplier<Object> action) {
        if (key == null) {
            return ResponseEntity.ok(action.get());
        }
        if (!valid(key)) {
            throw new BadIdempotencyKey();
        }
        String hash = sha256(request);
        try {
            return attempt(key, caller, hash, action);
        }
        catch (Raced raced) {
            return attempt(key, caller, hash, action); // the other attempt has committed: replay it
        }
    }

    private ResponseEntity<?> attempt(String key, String caller, String hash, Supplier<Object> action) {
        return transactions.execute(tx -> {
            Optional<Stored> stored = jdbc.sql("select request_hash, status, body from requests.idempotency where caller = ? and key = ?")
                    .params(caller, key)
                    .query((rs, n) -> new Stored(rs.getString("request_hash"), rs.getInt("status"), rs.getString("body")))
                    .optional();
            if (stored.isPresent()) {
                if (!stored.get().requestHash().equals(hash)) {
                    throw new InvalidInput(List.of(new Violation(HEADER, "requests.idempotency.reused")));
                }
                return ResponseEntity.status(stored.get().status()).contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotent-Replayed", "true").body(stored.get().body());
            }
            String body = json.writeValueAsString(action.get());
            int inserted = jdbc.sql("""
                            insert into requests.idempotency (key, caller, request_hash, status, body, created_at)
                            values (?, ?, ?, 200, ?, ?) on conflict do nothing""")
                    .params(key, caller, hash, body, Timestamp.from(clock.instant())).update();
            if (inserted == 0) {
                throw new Raced();
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        });
    }

    static boolean valid(String key) {
        if (key.isEmpty() || key.length() > 255) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
