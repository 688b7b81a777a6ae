/**
 * Service requests (cases), their lifecycle, the Open311 GeoReport v2 API and staff case handling.
 * Filled in by the services-and-cases work; the package exists so that module boundaries are
 * verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Requests")
package org.civitas.requests;
