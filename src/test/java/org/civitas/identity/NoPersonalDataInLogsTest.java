package org.civitas.identity;

import java.util.Map;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a person types about themselves stays out of the logs and the event outbox, even when things go wrong. */
@CivitasTest
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsTest {

    private static final String MARKER_EMAIL = "marker-q7x3k@example.org";
    private static final String MARKER_NAME = "Markername Qxzv";
    private static final String MARKER_PASSWORD = "marker password q7x3k";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void registeringSigningInAndFailingLeaveNoTrace(CapturedOutput output) {
        org.civitas.support.ProductionLogLevels.assertCapturedAtProductionLevels();
        WebSession resident = new WebSession(port);
        resident.get("/register");
        resident.postForm("/register", Map.of("name", MARKER_NAME, "email", MARKER_EMAIL, "password", MARKER_PASSWORD));
        resident.postForm("/register", Map.of("name", MARKER_NAME, "email", MARKER_EMAIL, "password", MARKER_PASSWORD));
        new WebSession(port).signIn(MARKER_EMAIL, "wrong " + MARKER_PASSWORD);
        new WebSession(port).signIn(MARKER_EMAIL, MARKER_PASSWORD);
        new WebSession(port).signIn("nobody-" + MARKER_EMAIL, MARKER_PASSWORD);
        resident.postRaw("/api/v1/admin/api-keys", "application/json", "{\"name\":\"" + MARKER_EMAIL + "\"", "X-CSRF-TOKEN", "x");

        assertThat(output.getAll()).doesNotContain(MARKER_EMAIL).doesNotContain("marker-q7x3k")
                .doesNotContain(MARKER_NAME).doesNotContain(MARKER_PASSWORD);
        String events = jdbc.sql("select coalesce(string_agg(serialized_event, ' '), '') from platform.event_publication").query(String.class).single();
        assertThat(events).as("events carry ids, not personal data").doesNotContain("marker-q7x3k").doesNotContain(MARKER_NAME);
        assertThat(jdbc.sql("select count(*) from identity.sign_in_throttle where throttle_key like '%marker%'").query(Integer.class).single())
                .as("the throttle keeps a hash of the e-mail").isZero();
    }
}
