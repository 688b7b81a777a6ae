package org.civitas.requests.contact;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civitas.CivitasTest;
import org.civitas.catalogue.Services;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.NewServiceRequest;
import org.civitas.requests.cases.SealedDetails;
import org.civitas.requests.cases.ServiceRequest;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.requests.photos.Photos;
import org.civitas.support.WebSession;
import org.civitas.trust.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Private stays private (issue 12): a private request's description, address, location, photo
 * link and photos, and every request's personal answers, are sealed for the requester (a subject
 * of the request's own, anonymous requests included), opened only through the access-logged
 * reveal and the person's own export, and destroyed by erasure and retention.
 */
@CivitasTest
class PrivateRequestSealingTest {

    static final String HOME = "17 Quillfeather Close";
    static final String COMPLAINT = "Loud music from number 19 every night";
    static final String PLATE = "QF26 XYZ";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ServiceRequestRegister register;

    @Autowired
    Services services;

    @Autowired
    PersonalData vault;

    @Autowired
    Photos photos;

    @Autowired
    RetentionJob retention;

    @Autowired
    ApiKeys apiKeys;

    private ServiceRequest noise(Contact contact, UUID account) {
        var service = services.liveByCode("noise").orElseThrow();
        return register.submit(new NewServiceRequest(service, services.currentVersion("noise").orElseThrow(), COMPLAINT,
                new BigDecimal("51.4671"), new BigDecimal("-0.3112"), HOME, "UPRN-100023", "https://photos.example/" + UUID.randomUUID(),
                Map.of("source", List.of("music"), "started", List.of("2026-03-10T23:00:00Z"), "pattern", List.of("Every night, 11pm")),
                Channel.WEB, contact, account));
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("select * from requests.service_request where id = ?").param(id).query().singleRow();
    }

    @Test
    void aPrivateRequestKeepsItsAddressLocationDescriptionAndPersonalAnswersOnlySealed() {
        ServiceRequest stored = noise(null, null);
        Map<String, Object> row = row(stored.id());
        assertThat(row.get("description")).isNull();
        assertThat(row.get("address_string")).isNull();
        assertThat(row.get("address_id")).isNull();
        assertThat(row.get("lat")).isNull();
        assertThat(row.get("long")).isNull();
        assertThat(row.get("media_url")).isNull();
        assertThat(row.get("private")).isEqualTo(true);
        assertThat(row.get("requester_subject")).as("an anonymous private request gets a subject of its own").isNotNull();
        assertThat(row.get("contact_sealed")).isNull();
        assertThat(row.get("answers").toString()).contains("music").doesNotContain("pattern").doesNotContain("Every night");
        String everything = jdbc.sql("select row_to_json(r)::text from requests.service_request r where id = ?").param(stored.id())
                .query(String.class).single();
        assertThat(everything).doesNotContain("Quillfeather").doesNotContain("number 19").doesNotContain("UPRN-100023")
                .doesNotContain("51.4671").doesNotContain("Every night");
        assertThat(stored.description()).as("what the register hands back is the public view").isNull();

        SealedDetails details = register.sealedDetails(stored.id()).orElseThrow();
        assertThat(details.description()).isEqualTo(COMPLAINT);
        assertThat(details.addressString()).isEqualTo(HOME);
        assertThat(details.addressId()).isEqualTo("UPRN-100023");
        assertThat(details.lat()).isEqualByComparingTo("51.4671");
        assertThat(details.lon()).isEqualByComparingTo("-0.3112");
        assertThat(details.mediaUrl()).startsWith("https://photos.example/");
        assertThat(details.personalAnswers()).containsEntry("pattern", List.of("Every night, 11pm"));
        assertThat(details.toString()).doesNotContain("Quillfeather");
    }

    @Test
    void aPublicRequestKeepsItsPlaceInClearButItsPersonalAnswersSealed() {
        var permitLike = services.liveByCode("blocked-drain").orElseThrow();
        ServiceRequest pothole = register.submit(new NewServiceRequest(services.liveByCode("pothole").orElseThrow(),
                services.currentVersion("pothole").orElseThrow(), "A hole by the library.", new BigDecimal("51.46"),
                new BigDecimal("-0.30"), "High Street", null, null, Map.of("size", List.of("large"), "surface", List.of("road")),
                Channel.WEB, null, null));
        Map<String, Object> row = row(pothole.id());
        assertThat(row.get("description")).isEqualTo("A hole by the library.");
        assertThat(row.get("address_string")).isEqualTo("High Street");
        assertThat(row.get("requester_subject")).as("nothing to seal: no subject").isNull();
        assertThat(register.sealedDetails(pothole.id())).isEmpty();
        assertThat(permitLike.privateRequests()).isFalse();

        // a private permit application: its vehicle registration is a personal answer
        var permit = services.liveByCode("parking-permit").orElseThrow();
        ServiceRequest application = register.submit(new NewServiceRequest(permit, services.currentVersion("parking-permit").orElseThrow(),
                null, null, null, HOME, null, null, Map.of("vehicle_registration", List.of(PLATE), "zone", List.of("b"),
                "permit_length", List.of("12m")), Channel.WEB, new Contact("Pat", "Plate", null, null), null));
        Map<String, Object> stored = row(application.id());
        assertThat(stored.get("answers").toString()).contains("zone").doesNotContain("vehicle_registration").doesNotContain("QF26");
        assertThat(register.sealedDetails(application.id()).orElseThrow().personalAnswers())
                .containsEntry("vehicle_registration", List.of(PLATE));
    }

    @Test
    void sealedColumnsAreBoundToTheirFieldSoBytesSwappedBetweenThemDoNotOpen() {
        ServiceRequest stored = noise(new Contact("Sam", "Swap", null, null), null);
        // move the description's bytes into the address column of the same request (same person)
        jdbc.sql("update requests.service_request set address_sealed = description_sealed where id = ?").param(stored.id()).update();
        assertThatThrownBy(() -> register.sealedDetails(stored.id())).hasMessageContaining("does not open");
        // and the contact details into the description
        ServiceRequest other = noise(new Contact("Sam", "Swap", null, null), null);
        jdbc.sql("update requests.service_request set description_sealed = contact_sealed where id = ?").param(other.id()).update();
        assertThatThrownBy(() -> register.sealedDetails(other.id())).hasMessageContaining("does not open");
    }

    @Test
    void staffSeeTheSealedDetailsOnlyThroughTheRecordedRevealAndTheRequesterInTheirExport() throws Exception {
        WebSession resident = new WebSession(port);
        resident.get("/register");
        String email = "sealed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertThat(resident.postForm("/register", Map.of("name", "Rhys Resident", "email", email,
                "password", "a-long-enough-password")).statusCode()).isEqualTo(302);
        UUID account = UUID.fromString(JSON.readTree(resident.get("/api/v1/me").body()).get("id").asText());
        ServiceRequest stored = noise(new Contact("Rhys", "Resident", email, null), account);

        WebSession admin = new WebSession(port);
        admin.signIn("admin@riverside.example", CivitasTest.DEMO_PASSWORD);
        admin.get("/account");
        assertThat(admin.get("/staff/cases/" + stored.reference()).body()).doesNotContain(COMPLAINT).doesNotContain(HOME)
                .as("the case page says where the sealed details are read").contains("id=\"sealed-hint\"")
                .contains("href=\"/staff/cases/" + stored.reference() + "/contact\"");
        admin.get("/staff/cases/" + stored.reference() + "/contact");
        HttpResponse<String> shown = admin.postForm("/staff/cases/" + stored.reference() + "/contact", Map.of("purpose", "update"));
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains(COMPLAINT).contains(HOME).contains("51.4671").contains("Every night, 11pm");
        UUID subject = (UUID) row(stored.id()).get("requester_subject");
        List<String> fields = jdbc.sql("select array_to_string(fields, ',') from trust.access_log where subject_id = ? and outcome = 'granted'")
                .param(subject).query(String.class).list();
        assertThat(fields).singleElement().asString().contains("email").contains("description").contains("address")
                .contains("location").contains("answer:pattern");

        String key = apiKeys.create("Sealed reader", "Tests", Set.of(ApiScopes.REQUESTS_CONTACT), null).secret();
        HttpResponse<String> api = new WebSession(port).postRaw("/api/v1/cases/" + stored.reference() + "/contact", "application/json",
                "{\"purpose\":\"update\"}", "X-Api-Key", key);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        JsonNode details = JSON.readTree(api.body()).get("details");
        assertThat(details.get("description").asText()).isEqualTo(COMPLAINT);
        assertThat(details.get("address").asText()).isEqualTo(HOME);
        assertThat(details.get("answers").get("pattern").get(0).asText()).isEqualTo("Every night, 11pm");

        assertThat(resident.get("/account/export").body()).contains(COMPLAINT).contains(HOME).contains("Every night, 11pm");

        // the person deletes their data: the sealed details go with it
        resident.get("/account/delete");
        assertThat(resident.postForm("/account/delete", Map.of()).statusCode()).isEqualTo(200);
        assertThat(vault.readable(subject)).isFalse();
        assertThat(register.sealedDetails(stored.id())).isEmpty();
        admin.get("/staff/cases/" + stored.reference() + "/contact");
        assertThat(admin.postForm("/staff/cases/" + stored.reference() + "/contact", Map.of("purpose", "update")).body())
                .doesNotContain(COMPLAINT).doesNotContain(HOME);
    }

    @Test
    void aPrivateRequestsPhotoIsSealedForItsRequesterAndGoesWithRetention() throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0x336699);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        UUID journey = UUID.randomUUID();
        Photos.Photo photo = photos.store(journey, png.toByteArray(), "photo");
        ServiceRequest stored = noise(null, null);
        photos.attach(journey, stored.id());

        byte[] kept = jdbc.sql("select bytes from requests.photo where id = ?").param(photo.id()).query(byte[].class).single();
        assertThat(new String(kept, 1, 3, StandardCharsets.ISO_8859_1)).as("no longer a PNG in the table").isNotEqualTo("PNG");
        Photos.Image opened = photos.image(photo.id()).orElseThrow();
        assertThat(new String(opened.bytes(), 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(opened.bytes())).getRGB(3, 4) & 0xffffff).isEqualTo(0x336699);

        // finished long ago: retention erases the anonymous requester's subject, and the photo, details and answers with it
        jdbc.sql("update requests.service_request set status = 'rejected', finished_at = now() - interval '5000 days' where id = ?")
                .param(stored.id()).update();
        retention.run();
        assertThat(row(stored.id()).get("requester_erased_at")).isNotNull();
        assertThat(photos.image(photo.id())).isEmpty();
        assertThat(register.sealedDetails(stored.id())).isEmpty();
    }

    @Test
    void aPrivateRequestStoredInClearBeforeIssue12IsHiddenAndLosesItsWordsAndPlaceWithRetention() {
        ServiceRequest stored = noise(new Contact("Lee", "Legacy", null, null), null);
        // as a request was stored before issue 12: in clear, not marked private
        jdbc.sql("""
                update requests.service_request set private = false, description = ?, address_string = ?, lat = 51.4671, long = -0.3112
                where id = ?""").params(COMPLAINT, HOME, stored.id()).update();
        // keyless outputs hide it all the same: its service is private now
        HttpResponse<String> one = new WebSession(port).get("/open311/v2/requests/" + stored.reference() + ".json");
        assertThat(one.statusCode()).isEqualTo(404);
        assertThat(new WebSession(port).get("/open311/v2/requests.json?service_request_id=" + stored.reference()).body())
                .doesNotContain(stored.reference()).doesNotContain(HOME);

        jdbc.sql("update requests.service_request set status = 'rejected', finished_at = now() - interval '5000 days' where id = ?")
                .param(stored.id()).update();
        retention.run();
        Map<String, Object> row = row(stored.id());
        assertThat(row.get("requester_erased_at")).isNotNull();
        assertThat(row.get("description")).as("erased with the requester's data").isNull();
        assertThat(row.get("address_string")).isNull();
        assertThat(row.get("lat")).isNull();
        assertThat(row.get("long")).isNull();
    }
}
