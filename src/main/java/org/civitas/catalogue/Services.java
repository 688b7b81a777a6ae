package org.civitas.catalogue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalogue module's API for reading services: what the body offers, and what each service
 * asked in each of its versions. Changes go through the native API (or the staff pages).
 */
public interface Services {

    /** The live service with this code; empty for an unknown, draft or retired service. */
    Optional<Service> liveByCode(String code);

    /** Every live service, by group then name. */
    List<Service> live();

    /** The live services of one group, by name. */
    List<Service> live(String group);

    /** Every service, whatever its status (drafts and retired ones included). */
    List<Service> all();

    /** The service with this code, whatever its status. */
    Optional<Service> byCode(String code);

    /** The service with this id, whatever its status. */
    Optional<Service> byId(UUID id);

    /** The version of the service as it is offered now (for a draft: the draft). */
    Optional<ServiceVersion> currentVersion(String code);

    /** One version of a service, by number, whatever the service's status now. */
    Optional<ServiceVersion> version(UUID serviceId, int version);

    /**
     * Whether a resident may make a request for the service without giving contact details
     * (reports of problems usually may; applications may not). False for an unknown code.
     */
    boolean allowsAnonymousRequests(String code);

    /** One version of a service, by code and number, whatever the service's status now. */
    Optional<ServiceVersion> version(String code, int version);
}
