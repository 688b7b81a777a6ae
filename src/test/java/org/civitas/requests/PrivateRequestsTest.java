package org.civitas.requests;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.civitas.CivitasTest;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Private stays private (issue 12): a private service's requests (a noise complaint, a permit
 * application) never appear in keyless outputs, and what they say about a person is sealed.
 */
@CivitasTest
class PrivateRequestsTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    static final String HOME = "17 Quillfeather Close";
    static final String COMPLAINT = "Loud music from number 19 every night";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeys apiKeys;

    private String submit(Map<String, String> form) {
        HttpResponse<String> created = new WebSession(port).postRaw("/open311/v2/requests.json", FORM, WebSession.form(form));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return created.body().replaceAll(".*\"service_request_id\":\"([^\"]+)\".*", "$1");
    }

    static Map<String, String> noise() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "noise");
        form.put("address_string", HOME);
        form.put("lat", "51.4671");
        form.put("long", "-0.3112");
        form.put("description", COMPLAINT);
        form.put("attribute[source]", "music");
        form.put("attribute[started]", "2026-03-10T23:00:00Z");
        return form;
    }

    private static Map<String, String> pothole() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "pothole");
        form.put("address_string", "Outside the library, High Street");
        form.put("attribute[size]", "large");
        form.put("attribute[surface]", "road");
        return form;
    }

    @Test
    void keylessOpen311OutputsNeverShowAPrivateServicesRequests() {
        String noise = submit(noise());
        String pothole = submit(pothole());
        WebSession anyone = new WebSession(port);

        for (String format : new String[] {"json", "xml"}) {
            HttpResponse<String> list = anyone.get("/open311/v2/requests." + format);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).as("the public list, %s", format).contains(pothole).doesNotContain(noise)
                    .doesNotContain(HOME).doesNotContain(COMPLAINT);
            assertThat(anyone.get("/open311/v2/requests." + format + "?service_code=noise").body()).doesNotContain(noise);
            assertThat(anyone.get("/open311/v2/requests." + format + "?service_request_id=" + noise + "," + pothole).body())
                    .contains(pothole).doesNotContain(noise);
            HttpResponse<String> one = anyone.get("/open311/v2/requests/" + noise + "." + format);
            assertThat(one.statusCode()).as("a private request is not found without a key").isEqualTo(404);
            assertThat(one.body()).doesNotContain(HOME).doesNotContain(COMPLAINT);
            assertThat(anyone.get("/open311/v2/requests/" + pothole + "." + format).statusCode()).isEqualTo(200);
        }

        // a key that may only submit sees what anyone sees; one that may read cases sees them all
        String submitter = apiKeys.create("Submitting app", "Tests", Set.of(ApiScopes.OPEN311_SUBMIT), null).secret();
        assertThat(anyone.get("/open311/v2/requests.json?api_key=" + submitter).body()).contains(pothole).doesNotContain(noise);
        assertThat(anyone.get("/open311/v2/requests/" + noise + ".json?api_key=" + submitter).statusCode()).isEqualTo(404);
        String reader = apiKeys.create("Case reader", "Tests", Set.of(ApiScopes.REQUESTS_READ), null).secret();
        assertThat(anyone.get("/open311/v2/requests.json?api_key=" + reader).body()).contains(pothole).contains(noise);
        assertThat(anyone.get("/open311/v2/requests.xml?service_code=noise&api_key=" + reader).body()).contains(noise);
        assertThat(anyone.get("/open311/v2/requests/" + noise + ".json?api_key=" + reader).statusCode()).isEqualTo(200);
        HttpResponse<String> wrongKey = anyone.get("/open311/v2/requests.json?api_key=civ_not_a_key");
        assertThat(wrongKey.statusCode()).as("a wrong key is refused, not treated as none").isEqualTo(403);
        assertThat(wrongKey.body()).contains("api_key");

        // a service made private later takes its earlier requests out of view too
        assertThat(jdbc.sql("select private from requests.service_request where reference = ?").param(noise)
                .query(Boolean.class).single()).as("marked private when made").isTrue();
        assertThat(jdbc.sql("select private from requests.service_request where reference = ?").param(pothole)
                .query(Boolean.class).single()).isFalse();
    }
}
