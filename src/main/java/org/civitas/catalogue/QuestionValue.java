package org.civitas.catalogue;

/** One choice of a list question: the key a client sends and the name a person reads. */
public record QuestionValue(String key, String name) {
}
