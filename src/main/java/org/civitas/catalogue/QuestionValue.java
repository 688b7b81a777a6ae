package org.civitas.catalogue;

/** One choice of a list question: the key a client sends and the name a person reads, in English and Welsh. */
public record QuestionValue(String key, Text name) {

    public QuestionValue {
        name = name == null ? Text.of(null) : name;
    }

    /** A choice named in English only. */
    public QuestionValue(String key, String name) {
        this(key, Text.of(name));
    }
}
