/**
 * The body's teams and, with the services-and-cases work, its service catalogue, questions and SLAs.
 * <p>
 * The root package is the module's API ({@link org.civitas.catalogue.Teams}); sub-packages are private.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalogue")
package org.civitas.catalogue;
