package org.civitas.identity.security;

import org.civitas.CivitasTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Two requests of one session, each with its own copy of the session, add the same attribute: the
 * second save must not fail on the attribute's primary key (it did, with Spring Session's default SQL).
 */
@CivitasTest
class SessionAttributeRaceTest {

    @Autowired
    JdbcIndexedSessionRepository sessions;

    @Test
    void twoCopiesOfOneSessionAddingTheSameAttributeBothSave() {
        race(sessions);
    }

    // generic, because the repository's session class is not public
    private static <S extends Session> void race(SessionRepository<S> sessions) {
        S created = sessions.createSession();
        sessions.save(created);
        S first = sessions.findById(created.getId());
        S second = sessions.findById(created.getId());

        first.setAttribute("journey", "from the first request");
        second.setAttribute("journey", "from the second request");
        sessions.save(first);
        assertThatCode(() -> sessions.save(second)).doesNotThrowAnyException();

        assertThat((String) sessions.findById(created.getId()).getAttribute("journey")).isEqualTo("from the second request");
        sessions.deleteById(created.getId());
    }
}
