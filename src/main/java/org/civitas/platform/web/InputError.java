package org.civitas.platform.web;

/**
 * One rejected input in a machine-readable error: which field, which rule it broke and a message
 * for a developer to read, in the {@code errors} array of a problem document.
 *
 * @param field   the field, parameter or JSON path that was rejected
 * @param rule    the rule it broke, for example {@code NotBlank}, {@code Size}, {@code characters}
 * @param message what is wrong, from the message bundles
 */
public record InputError(String field, String rule, String message) {
}
