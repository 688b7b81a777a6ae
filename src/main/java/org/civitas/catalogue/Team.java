package org.civitas.catalogue;

import java.util.UUID;

/** A team of the body's staff that owns services and handles their cases. */
public record Team(UUID id, String code, String name) {
}
