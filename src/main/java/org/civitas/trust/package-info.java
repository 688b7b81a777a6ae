/**
 * Audit log, personal-data vault, access log and the citizens' data tracker. Filled in by the
 * digital-trust work; the package exists so that module boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Trust")
package org.civitas.trust;
