package org.civitas.trust;

/**
 * The sequencer refused a row of the audit queue that Civitas did not write: it carried no MAC, or
 * one that does not match its bytes under the key only Civitas holds (someone with database access
 * inserted or changed it). The row's bytes are not kept (they may hold anything); their SHA-256 is.
 * {@code reason} is {@code no-mac} or {@code bad-mac}.
 */
public record AuditEntryRefused(long queueRow, String entrySha256, String reason) {
}
