/**
 * What every module stands on: database start-up, web layout and errors, configuration,
 * demo seeding and the contract through which modules declare who may call their endpoints.
 * <p>
 * Open module: its types are shared infrastructure, not a business capability.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.civitas.platform;
