package org.civitas.requests.open311;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Open311 error: the HTTP status (404 for what does not exist, 403 for a missing or bad
 * api_key, 400 for anything else) and one or more {code, description} entries.
 */
class Open311Error extends RuntimeException {

    record Entry(int code, String description) {
    }

    private final int status;
    private final transient List<Entry> entries;

    Open311Error(int status, List<Entry> entries) {
        super("Open311 error " + status);
        this.status = status;
        this.entries = List.copyOf(entries);
    }

    static Open311Error of(int status, String description) {
        return new Open311Error(status, List.of(new Entry(status, description)));
    }

    int status() {
        return status;
    }

    Open311Document document() {
        return document(entries);
    }

    static Open311Document document(List<Entry> entries) {
        return new Open311Document("errors", entries.stream().map(entry -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", entry.code());
            error.put("description", entry.description());
            return error;
        }).toList());
    }
}
