package org.civitas.catalogue;

import java.util.List;
import java.util.UUID;

/**
 * A service of the body as it stands now. Its name, description and questions are those of its
 * current version ({@code version}), in English and Welsh ({@link Text}: read them with
 * {@code name().in(locale)}); the other facts belong to the service and are not versioned.
 *
 * @param group    the Open311 group, such as "Streets", or null
 * @param teamId   the catalogue team that owns the service and handles its requests
 * @param retentionDays how many days after a request is finished its requester's personal data is kept
 * @param anonymousRequests whether requests may come without the requester's contact details
 * @param privacy  whether its requests are about a public place or about a person
 */
public record Service(UUID id, String code, Text name, Text description, String group, List<String> keywords,
                      ServiceType type, ServiceStatus status, UUID teamId, Sla sla, int version, int retentionDays,
                      boolean anonymousRequests, RequestPrivacy privacy) {

    /** Personal data is kept a year after a request is finished unless the service says otherwise. */
    public static final int DEFAULT_RETENTION_DAYS = 365;

    /** As the column's default: most services are reports of problems in the street, which need no answer. */
    public static final boolean DEFAULT_ANONYMOUS_REQUESTS = true;

    /** As the column's default for a new service: a problem in a public place. */
    public static final RequestPrivacy DEFAULT_PRIVACY = RequestPrivacy.PUBLIC;

    public Service {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        privacy = privacy == null ? DEFAULT_PRIVACY : privacy;
        name = name == null ? Text.of(null) : name;
        description = description == null ? Text.of(null) : description;
    }

    /** A service written in English only. */
    public Service(UUID id, String code, String name, String description, String group, List<String> keywords,
                   ServiceType type, ServiceStatus status, UUID teamId, Sla sla, int version, int retentionDays,
                   boolean anonymousRequests, RequestPrivacy privacy) {
        this(id, code, Text.of(name), Text.of(description), group, keywords, type, status, teamId, sla, version, retentionDays,
                anonymousRequests, privacy);
    }

    public Service(UUID id, String code, String name, String description, String group, List<String> keywords,
                   ServiceType type, ServiceStatus status, UUID teamId, Sla sla, int version, int retentionDays,
                   boolean anonymousRequests) {
        this(id, code, name, description, group, keywords, type, status, teamId, sla, version, retentionDays, anonymousRequests,
                DEFAULT_PRIVACY);
    }

    public Service(UUID id, String code, String name, String description, String group, List<String> keywords,
                   ServiceType type, ServiceStatus status, UUID teamId, Sla sla, int version) {
        this(id, code, name, description, group, keywords, type, status, teamId, sla, version, DEFAULT_RETENTION_DAYS);
    }

    public Service(UUID id, String code, String name, String description, String group, List<String> keywords,
                   ServiceType type, ServiceStatus status, UUID teamId, Sla sla, int version, int retentionDays) {
        this(id, code, name, description, group, keywords, type, status, teamId, sla, version, retentionDays, DEFAULT_ANONYMOUS_REQUESTS);
    }

    /** Whether its requests are about a person (kept out of keyless outputs, sealed for the requester). */
    public boolean privateRequests() {
        return privacy == RequestPrivacy.PRIVATE;
    }

    public boolean live() {
        return status == ServiceStatus.LIVE;
    }
}
