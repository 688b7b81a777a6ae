package org.civitas.platform.web;

/** A problem with one field of a form, its message already in the reader's language. */
public record FieldProblem(String field, String message) {
}
