package org.civitas.trust;

import java.util.UUID;

/** A person's data key was destroyed: whatever was sealed for them can no longer be read. */
public record SubjectErased(UUID subject) {
}
