package org.civitas.platform;

/** A rule an input broke: the field it names and the message key that explains the rule. */
public record Violation(String field, String messageKey) {
}
