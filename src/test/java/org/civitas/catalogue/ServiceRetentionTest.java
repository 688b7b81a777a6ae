package org.civitas.catalogue;

import java.net.http.HttpResponse;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Each service says how long its requesters' personal data is kept after a request is finished. */
@CivitasTest
class ServiceRetentionTest {

    @LocalServerPort
    int port;

    @Autowired
    Services services;

    private WebSession admin() {
        WebSession session = new WebSession(port);
        session.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        session.get("/account");
        return session;
    }

    private static HttpResponse<String> send(WebSession session, String method, String path, String json) {
        return session.send(session.request(path).header("Content-Type", "application/json").header("X-CSRF-TOKEN", session.csrfToken())
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String service(String code, String retention) {
        return ServiceCatalogueApiTest.service(code, "highways", "[]").replace("\"questions\":[]", "\"questions\":[]" + retention);
    }

    @Test
    void theRetentionPeriodDefaultsToAYearIsCheckedAndKept() {
        assertThat(services.liveByCode("pothole").orElseThrow().retentionDays()).isEqualTo(365);
        WebSession admin = admin();
        assertThat(admin.get("/api/v1/services/pothole").body()).contains("\"retentionDays\":365");

        HttpResponse<String> invalid = send(admin, "POST", "/api/v1/services", service("kept-none", ",\"retentionDays\":0"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("retentionDays").contains("from 1 to 36500");

        assertThat(send(admin, "POST", "/api/v1/services", service("kept-month", ",\"retentionDays\":30")).statusCode()).isEqualTo(201);
        assertThat(services.byCode("kept-month").orElseThrow().retentionDays()).isEqualTo(30);
        assertThat(send(admin, "PUT", "/api/v1/services/kept-month", service("kept-month", "")).statusCode()).isEqualTo(200);
        assertThat(services.byCode("kept-month").orElseThrow().retentionDays()).as("unchanged when not given").isEqualTo(30);
        assertThat(send(admin, "PUT", "/api/v1/services/kept-month", service("kept-month", ",\"retentionDays\":90")).statusCode())
                .isEqualTo(200);
        assertThat(services.byCode("kept-month").orElseThrow().retentionDays()).isEqualTo(90);
    }
}
