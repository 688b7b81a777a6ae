package org.civitas.catalogue;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The catalogue module's API for the body's teams. */
public interface Teams {

    List<Team> all();

    Optional<Team> byCode(String code);

    List<Team> byIds(Collection<UUID> ids);

    Team create(String code, String name);
}
