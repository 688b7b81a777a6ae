package org.civitas.catalogue;

import java.util.UUID;

/** Published when an administrator gives a team a new name. Team names are the body's words, not personal data. */
public record TeamRenamed(UUID teamId, String code, String name) {
}
