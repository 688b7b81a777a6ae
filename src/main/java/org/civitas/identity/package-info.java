/**
 * Accounts, roles, sessions, second factor, API keys and OpenID Connect sign-in.
 * <p>
 * The root package is the module's API: {@link org.civitas.identity.CivitasPrincipal} and the
 * events it publishes. Everything in sub-packages is private to the module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package org.civitas.identity;
