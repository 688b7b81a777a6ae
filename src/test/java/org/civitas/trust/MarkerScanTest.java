package org.civitas.trust;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.civitas.CivitasTest;
import org.civitas.catalogue.Services;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.NewServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marker scan: people and requests are created with marker e-mail addresses, phone numbers and
 * names, their contact details are revealed, read through the API, exported and erased, a purpose
 * is written with the marker in it, and bad input carrying the marker is sent; private requests (issue 12)
 * carry the markers in their address, location, description, photo link and personal answers; then every text,
 * json and bytea column of every table in every schema, and everything the run logged, is searched
 * for the markers. They must not appear anywhere: the vault keeps them sealed.
 */
@CivitasTest
@ExtendWith(OutputCaptureExtension.class)
class MarkerScanTest {

    static final String EMAIL = "marker-k7v2q@example.org";
    static final String EMAIL_LOCAL = "marker-k7v2q";
    static final String PHONE = "07700 958317";
    static final String PHONE_DIGITS = "958317";
    static final String NAME = "Qvarnstrom";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServiceRequestRegister register;

    @Autowired
    Services services;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void theMarkersAppearInNoTableAndNoLog(CapturedOutput output) throws Exception {
        org.civitas.support.ProductionLogLevels.assertCapturedAtProductionLevels();
        // a resident with a marker e-mail address, who reports on the web with marker contact details
        WebSession resident = new WebSession(port);
        resident.get("/register");
        assertThat(resident.postForm("/register", Map.of("name", "Mark " + NAME, "email", EMAIL,
                "password", "a-long-enough-password")).statusCode()).isEqualTo(302);
        UUID account = UUID.fromString(new ObjectMapper().readTree(resident.get("/api/v1/me").body()).get("id").asText());
        var service = services.liveByCode("pothole").orElseThrow();
        String web = register.submit(new NewServiceRequest(service, services.currentVersion("pothole").orElseThrow(),
                "A hole in the road.", new BigDecimal("51.4613"), new BigDecimal("-0.3037"), null, null, null,
                Map.of("size", List.of("large"), "surface", List.of("road")), Channel.WEB, new Contact("Mark", NAME, EMAIL, PHONE),
                account)).reference();

        // an app reports through Open311 with the same details
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", CivitasTest.DEMO_API_KEY);
        form.put("service_code", "pothole");
        form.put("lat", "51.4613");
        form.put("long", "-0.3037");
        form.put("attribute[size]", "large");
        form.put("attribute[surface]", "road");
        form.put("email", EMAIL);
        form.put("phone", PHONE);
        form.put("first_name", "Mark");
        form.put("last_name", NAME);
        HttpResponse<String> open311 = new WebSession(port).postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                WebSession.form(form));
        assertThat(open311.statusCode()).as(open311.body()).isEqualTo(200);
        assertThat(open311.body()).doesNotContain(EMAIL_LOCAL).doesNotContain(PHONE_DIGITS);
        // and with a broken e-mail field too long to keep: the error must not quote it
        form.put("email", EMAIL + "x".repeat(400));
        assertThat(new WebSession(port).postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                WebSession.form(form)).body()).doesNotContain(EMAIL_LOCAL);

        // private stays private (issue 12): a noise complaint through Open311 whose address, location, description,
        // photo link and personal answer carry the markers, and a permit whose vehicle registration does
        Map<String, String> noise = new LinkedHashMap<>();
        noise.put("api_key", CivitasTest.DEMO_API_KEY);
        noise.put("service_code", "noise");
        noise.put("address_string", "12 " + NAME + " Road");
        noise.put("address_id", "UPRN-" + PHONE_DIGITS);
        noise.put("lat", "51.4671");
        noise.put("long", "-0.3112");
        noise.put("description", "Music at number 12, ring " + PHONE);
        noise.put("media_url", "https://photos.example/" + EMAIL_LOCAL + ".jpg");
        noise.put("attribute[source]", "music");
        noise.put("attribute[started]", "2026-03-10T23:00:00Z");
        noise.put("attribute[pattern]", "Every night at " + NAME + "'s");
        HttpResponse<String> privateOne = new WebSession(port).postRaw("/open311/v2/requests.json", "application/x-www-form-urlencoded",
                WebSession.form(noise));
        assertThat(privateOne.statusCode()).as(privateOne.body()).isEqualTo(200);
        var permit = services.liveByCode("parking-permit").orElseThrow();
        register.submit(new NewServiceRequest(permit, services.currentVersion("parking-permit").orElseThrow(), null, null, null,
                "3 " + NAME + " Close", null, null, Map.of("vehicle_registration", List.of(NAME + " 1"), "zone", List.of("a"),
                "permit_length", List.of("3m")), Channel.WEB, null, account));
        assertThat(new WebSession(port).get("/open311/v2/requests.json").body()).doesNotContain(NAME).doesNotContain(PHONE_DIGITS);

        // staff reveal it, with words of their own that carry the marker, and with bad input
        WebSession caseworker = new WebSession(port);
        caseworker.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        caseworker.get("/staff/cases/" + web + "/contact");
        assertThat(caseworker.postForm("/staff/cases/" + web + "/contact", Map.of("purpose", "other",
                "detail", "Ring " + PHONE + " about the hole")).body()).contains(EMAIL);
        caseworker.get("/staff/cases/" + web + "/contact");
        assertThat(caseworker.postForm("/staff/cases/" + web + "/contact", Map.of("purpose", "other",
                "detail", "<b>" + EMAIL + "</b>")).statusCode()).isEqualTo(400);

        // an app reads it through the API; another without the scope is refused
        String contactKey = apiKeys.create("Scan", "Scan Partners", Set.of(ApiScopes.REQUESTS_CONTACT), null).secret();
        assertThat(new WebSession(port).postRaw("/api/v1/cases/" + web + "/contact", "application/json",
                "{\"purpose\":\"other\",\"detail\":\"write to " + EMAIL + "\"}", "X-Api-Key", contactKey).body()).contains(EMAIL);
        String readKey = apiKeys.create("Scan read", "Scan Partners", Set.of(ApiScopes.REQUESTS_READ), null).secret();
        assertThat(new WebSession(port).postRaw("/api/v1/cases/" + web + "/contact", "application/json",
                "{\"purpose\":\"update\"}", "X-Api-Key", readKey).statusCode()).isEqualTo(403);

        // the resident looks at the tracker and downloads their data
        assertThat(resident.get("/account/data-access").body()).contains("Ring " + PHONE);
        assertThat(resident.get("/account/export").body()).contains(EMAIL).contains(PHONE).contains(NAME + " 1");

        // a second resident with marker details deletes their data
        WebSession leaving = new WebSession(port);
        leaving.get("/register");
        leaving.postForm("/register", Map.of("name", "Mark " + NAME, "email", "leaving-" + EMAIL, "password", "a-long-enough-password"));
        leaving.get("/account/delete");
        assertThat(leaving.postForm("/account/delete", Map.of()).statusCode()).isEqualTo(200);

        List<String> found = new ArrayList<>();
        for (String marker : List.of(EMAIL_LOCAL, PHONE_DIGITS, NAME)) {
            found.addAll(scan(marker));
        }
        assertThat(found).as("columns holding a marker in clear").isEmpty();
        assertThat(output.getAll()).doesNotContain(EMAIL_LOCAL).doesNotContain(PHONE_DIGITS).doesNotContain(NAME);
    }

    /** Every column of every table, in every schema, that holds the marker (as text or as UTF-8 bytes). */
    private List<String> scan(String marker) {
        record Column(String tableSchema, String tableName, String columnName, String dataType) {
        }
        List<Column> columns = jdbc.sql("""
                        select c.table_schema, c.table_name, c.column_name, c.data_type
                        from information_schema.columns c join information_schema.tables t
                          on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
                        where c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg_toast%'
                          and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')""")
                .query(Column.class).list();
        assertThat(columns).as("the scan reaches the tables that hold personal data")
                .anySatisfy(c -> assertThat(c.tableName()).isEqualTo("service_request"))
                .anySatisfy(c -> assertThat(c.tableName()).isEqualTo("access_log"))
                .anySatisfy(c -> assertThat(c.tableName()).isEqualTo("spring_session_attributes"));
        List<String> found = new ArrayList<>();
        byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
        for (Column column : columns) {
            String table = "\"" + column.tableSchema() + "\".\"" + column.tableName() + "\"";
            String name = "\"" + column.columnName() + "\"";
            String where = column.dataType().equals("bytea")
                    ? "position(?::bytea in " + name + ") > 0"
                    : "strpos(lower(" + name + "::text), lower(?)) > 0";
            Object param = column.dataType().equals("bytea") ? bytes : marker;
            int count = jdbc.sql("select count(*) from " + table + " where " + where).param(param).query(Integer.class).single();
            if (count > 0) {
                found.add(column.tableSchema() + "." + column.tableName() + "." + column.columnName() + " holds " + marker);
            }
        }
        return found;
    }
}
