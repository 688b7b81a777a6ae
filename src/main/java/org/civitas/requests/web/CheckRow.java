package org.civitas.requests.web;

import java.util.List;

/**
 * One row of check your answers: what was asked, what was answered (a line each), where to change
 * it, and the words that tell a screen reader user what the Change link changes.
 */
public record CheckRow(String key, List<String> values, String change, String hiddenLabel) {
}
