package org.civitas.requests.citizen;

import java.util.UUID;

import org.civitas.requests.cases.NewServiceRequest;
import org.civitas.requests.cases.ServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.requests.photos.Photos;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stores a report made on the web with its photo and satisfaction secret: all of it or nothing. */
@Component
public class ReportSubmission {

    private final ServiceRequestRegister register;
    private final Photos photos;
    private final ResidentRequests residents;

    ReportSubmission(ServiceRequestRegister register, Photos photos, ResidentRequests residents) {
        this.register = register;
        this.photos = photos;
        this.residents = residents;
    }

    /** What the resident is told: the reference and the secret of their satisfaction link. */
    public record Submitted(ServiceRequest request, String satisfactionKey) {
    }

    @Transactional
    public Submitted submit(UUID journeyId, NewServiceRequest request) {
        ServiceRequest stored = register.submit(request);
        photos.attach(journeyId, stored.id());
        return new Submitted(stored, residents.newSatisfactionKey(stored.id()));
    }
}
