package org.civitas.platform.web;

import java.util.List;
import java.util.Objects;

/**
 * One problem with one answer on a form, ready to show: the error summary links to the field and
 * the field shows the message above itself.
 *
 * @param field   the id of the input the problem is about (for a text input, its name); the error
 *                summary links to {@code #field}
 * @param message what is wrong and how to put it right, already in the reader's language
 */
public record FieldProblem(String field, String message) {

    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The first problem with the given field, or {@code null} when that answer is fine. */
    public static FieldProblem forField(List<FieldProblem> problems, String field) {
        if (problems == null) {
            return null;
        }
        for (FieldProblem problem : problems) {
            if (problem.field().equals(field)) {
                return problem;
            }
        }
        return null;
    }
}
