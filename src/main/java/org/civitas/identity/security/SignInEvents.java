package org.civitas.identity.security;

import java.util.UUID;

import org.civitas.identity.IdentityEvents.SignInFailed;
import org.civitas.identity.IdentityEvents.SignedIn;
import org.civitas.identity.IdentityEvents.SignedOut;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes sign-in events in a transaction of their own, so the event registry records them even
 * though they happen in security filters, outside any business transaction.
 */
@Component
class SignInEvents {

    private final ApplicationEventPublisher events;

    SignInEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void signedIn(UUID accountId, String method) {
        events.publishEvent(new SignedIn(accountId, method));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(SignInFailed failure) {
        events.publishEvent(failure);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void signedOut(UUID accountId) {
        events.publishEvent(new SignedOut(accountId));
    }
}
