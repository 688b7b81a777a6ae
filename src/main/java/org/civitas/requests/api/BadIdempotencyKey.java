package org.civitas.requests.api;

/** The Idempotency-Key header is empty, too long or has characters other than visible ASCII. */
class BadIdempotencyKey extends RuntimeException {

    BadIdempotencyKey() {
        super("bad Idempotency-Key");
    }
}
