package org.civitas.requests.open311;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civitas.CivitasTest;
import org.civitas.catalogue.service.ServiceCatalogue;
import org.civitas.catalogue.service.ServiceInput;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Open311 POST keeps verified API keys and the catalogue's services in memory for a few seconds;
 * a change made on this node must count at once all the same (other nodes: docs/operations.md).
 */
@CivitasTest
class Open311CachedReadsTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    ServiceCatalogue catalogue;

    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> post(String key, String serviceCode, Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", serviceCode);
        form.put("lat", "51.4613");
        form.put("long", "-0.3037");
        form.putAll(extra);
        return new WebSession(port).postRaw("/open311/v2/requests.json", FORM, WebSession.form(form));
    }

    private int rows() {
        return jdbc.sql("select count(*) from requests.service_request").query(Integer.class).single();
    }

    @Test
    void aKeyRevokedRightAfterUseStopsWorkingAtOnce() {
        var created = apiKeys.create("Cached app", "Tests", Set.of(ApiScopes.OPEN311_SUBMIT), null);
        Map<String, String> answers = Map.of("attribute[size]", "large", "attribute[depth]", "8", "attribute[surface]", "road");
        assertThat(post(created.secret(), "pothole", answers).statusCode()).isEqualTo(200);
        assertThat(post(created.secret(), "pothole", answers).statusCode()).as("verified from memory the second time").isEqualTo(200);

        apiKeys.revoke(created.key().id(), null);
        int before = rows();
        HttpResponse<String> refused = post(created.secret(), "pothole", answers);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("api_key");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aNewVersionsQuestionsAndRetirementCountAtOnce() {
        String code = "cache-check-" + Long.toString(System.nanoTime(), 36);
        ServiceInput plain = new ServiceInput(code, "Cache check", "A service for checking what is cached.", null, List.of(),
                "realtime", "highways", new ServiceInput.SlaInput(5, "working_days"), List.of(), null, null, null, "Gwirio’r storfa",
                "Gwasanaeth i wirio beth sydd yn y storfa.");
        catalogue.create(plain, team -> true);
        assertThat(post(CivitasTest.DEMO_API_KEY, code, Map.of()).statusCode()).as("a draft takes no requests").isEqualTo(404);

        catalogue.publish(code, team -> true);
        assertThat(post(CivitasTest.DEMO_API_KEY, code, Map.of()).statusCode()).isEqualTo(200);

        ServiceInput asking = new ServiceInput(code, "Cache check", "A service for checking what is cached.", null, List.of(),
                "realtime", "highways", new ServiceInput.SlaInput(5, "working_days"),
                List.of(new ServiceInput.QuestionInput("colour", "string", true, true, "What colour is it?", null, null, null,
                        "Pa liw yw e?", null)), null, null, null, "Gwirio’r storfa", "Gwasanaeth i wirio beth sydd yn y storfa.");
        catalogue.replace(code, asking, team -> true);
        HttpResponse<String> unanswered = post(CivitasTest.DEMO_API_KEY, code, Map.of());
        assertThat(unanswered.statusCode()).as("version 2 asks a required question").isEqualTo(400);
        assertThat(unanswered.body()).contains("colour");
        assertThat(post(CivitasTest.DEMO_API_KEY, code, Map.of("attribute[colour]", "red")).statusCode()).isEqualTo(200);

        catalogue.retire(code, team -> true);
        int before = rows();
        assertThat(post(CivitasTest.DEMO_API_KEY, code, Map.of("attribute[colour]", "red")).statusCode()).isEqualTo(404);
        assertThat(rows()).isEqualTo(before);
    }
}
