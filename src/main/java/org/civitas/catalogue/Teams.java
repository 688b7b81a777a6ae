package org.civitas.catalogue;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalogue module's API for the body's teams. Every rule of a team (its code, its name) lives
 * here; administrators' pages and {@code /api/v1/admin/teams} only map their fields to it. A broken
 * rule is an {@link org.civitas.platform.InvalidInput} naming {@code code} or {@code name}.
 */
public interface Teams {

    List<Team> all();

    Optional<Team> byCode(String code);

    List<Team> byIds(Collection<UUID> ids);

    /** Adds a team; publishes {@link TeamCreated}. */
    Team create(String code, String name);

    /** Gives a team a new name (its code stays: it is in addresses and API calls); publishes {@link TeamRenamed}. */
    Team rename(String code, String name);
}
