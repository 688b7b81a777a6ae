package org.civitas.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The names of staff, for staff pages only (who a case is assigned to, who moved it, whom it may be
 * assigned to). Names are personal data: show them to staff, never log them or put them in events.
 */
public interface StaffNames {

    /** Account id to display name, for the ids that belong to staff; unknown ids are left out. */
    Map<UUID, String> names(Collection<UUID> accountIds);

    /** Active staff who may take a case of a service owned by {@code teamId}: its members and administrators, by name. */
    List<Colleague> mayHandle(UUID teamId);

    record Colleague(UUID accountId, String displayName) {
    }
}
