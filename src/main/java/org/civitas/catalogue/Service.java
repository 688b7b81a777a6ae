package org.civitas.catalogue;

import java.util.List;
import java.util.UUID;

/**
 * A service of the body as it stands now. Its name, description and questions are those of its
 * current version ({@code version}); the other facts belong to the service and are not versioned.
 *
 * @param group    the Open311 group, such as "Streets", or null
 * @param teamId   the catalogue team that owns the service and handles its requests
 */
public record Service(UUID id, String code, String name, String description, String group, List<String> keywords,
                      ServiceType type, ServiceStatus status, UUID teamId, Sla sla, int version) {

    public Service {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public boolean live() {
        return status == ServiceStatus.LIVE;
    }
}
