package org.civitas.trust;

import java.util.Optional;
import java.util.UUID;

/** The name of a member of staff, for "Who has seen my data" when the body chooses to show it. */
public interface StaffNames {

    Optional<String> nameOf(UUID accountId);
}
