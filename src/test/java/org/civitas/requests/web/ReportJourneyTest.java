package org.civitas.requests.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.civitas.CivitasTest;
import org.civitas.requests.cases.Actor;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Cases;
import org.civitas.support.TestPhotos;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The report journey over real HTTP: each page's rules, what is stored, and who may see what afterwards. */
@CivitasTest
class ReportJourneyTest {

    private static final Pattern REFERENCE = Pattern.compile("data-reference>([A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4})<");
    private static final Pattern SATISFACTION = Pattern.compile("href=\"(/track/[^\"]+/satisfaction\\?key=[^\"]+)\"");
    private static final String GPS_MARK = TestPhotos.GPS_MARK;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Cases cases;

    @Test
    void aResidentReportsAPotholeWithAPhotoAndEveryRuleIsChecked() throws Exception {
        WebSession resident = new WebSession(port);
        assertThat(resident.get("/report/pothole").body()).contains("Start now");
        assertThat(resident.get("/report/no-such-service").statusCode()).isEqualTo(404);
        assertThat(WebSession.location(resident.get("/report/pothole/check"))).isEqualTo("/report/pothole");

        assertThat(resident.get("/report/pothole/location").statusCode()).isEqualTo(200);
        HttpResponse<String> noPlace = resident.postForm("/report/pothole/location", Map.of("address", " "));
        assertThat(noPlace.statusCode()).isEqualTo(400);
        assertThat(noPlace.body()).contains("govuk-error-summary").contains("href=\"#address\"")
                .contains("Enter where it is, or drop a pin on the map").contains("<title>Error: ");
        assertThat(WebSession.location(resident.postForm("/report/pothole/location", Map.of("address", "Outside 12 High Street, RB1 2AA"))))
                .isEqualTo("/report/pothole/question/size");

        HttpResponse<String> noSize = resident.postForm("/report/pothole/question/size", Map.of());
        assertThat(noSize.statusCode()).isEqualTo(400);
        assertThat(noSize.body()).contains("Choose an answer to this question").contains("type=\"radio\"");
        assertThat(resident.postForm("/report/pothole/question/size", Map.of("answer", "enormous")).body())
                .contains("Choose an answer from the list");
        assertThat(WebSession.location(resident.postForm("/report/pothole/question/size", Map.of("answer", "large"))))
                .isEqualTo("/report/pothole/question/depth");
        HttpResponse<String> badDepth = resident.postForm("/report/pothole/question/depth", Map.of("answer", "deep"));
        assertThat(badDepth.statusCode()).isEqualTo(400);
        assertThat(badDepth.body()).contains("Enter a number, like 12 or 2.5").contains("inputmode=\"decimal\"");
        assertThat(WebSession.location(resident.postForm("/report/pothole/question/depth", Map.of("answer", "7"))))
                .isEqualTo("/report/pothole/question/surface");
        resident.postForm("/report/pothole/question/surface", Map.of("answer", "road"));

        HttpResponse<String> markup = resident.postForm("/report/pothole/description", Map.of("description", "<script>x</script>"));
        assertThat(markup.statusCode()).isEqualTo(400);
        assertThat(markup.body()).contains("Remove the HTML or code").doesNotContain("<script>x");
        assertThat(resident.postForm("/report/pothole/description", Map.of("description", "x".repeat(4001))).statusCode()).isEqualTo(400);
        assertThat(WebSession.location(resident.postForm("/report/pothole/description", Map.of("description", "Deep hole by the bus stop"))))
                .isEqualTo("/report/pothole/photo");

        resident.get("/report/pothole/photo");
        HttpResponse<String> notAnImage = upload(resident, "/report/pothole/photo", "photo.jpg", "image/jpeg",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(notAnImage.statusCode()).isEqualTo(400);
        assertThat(notAnImage.body()).contains("The selected file must be a JPEG or PNG image");
        byte[] truncated = java.util.Arrays.copyOf(TestPhotos.jpegWithGps(), 200);
        assertThat(upload(resident, "/report/pothole/photo", "photo.jpg", "image/jpeg", truncated).body())
                .contains("could not be read as an image");
        assertThat(WebSession.location(upload(resident, "/report/pothole/photo", "photo.jpg", "image/jpeg", TestPhotos.jpegWithGps())))
                .isEqualTo("/report/pothole/contact");

        HttpResponse<String> badEmail = resident.postForm("/report/pothole/contact", Map.of("name", "Ann Example", "email", "ann-at-example"));
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(badEmail.body()).contains("Enter an email address in the correct format");
        assertThat(WebSession.location(resident.postForm("/report/pothole/contact",
                Map.of("name", "Ann Example", "email", "ann.journey@example.org", "phone", ""))))
                .isEqualTo("/report/pothole/check");

        String check = resident.get("/report/pothole/check").body();
        assertThat(check).contains("Outside 12 High Street, RB1 2AA").contains("Larger than a dinner plate").contains("On the road")
                .contains("Deep hole by the bus stop").contains("Photo added").contains("ann.journey@example.org")
                .contains("href=\"/report/pothole/question/size?return=check\"");
        // a change goes back to check your answers
        resident.get("/report/pothole/question/size?return=check");
        assertThat(WebSession.location(resident.postForm("/report/pothole/question/size?return=check", Map.of("answer", "small"))))
                .isEqualTo("/report/pothole/check");
        assertThat(resident.get("/report/pothole/check").body()).contains("Smaller than a dinner plate");

        assertThat(WebSession.location(resident.postForm("/report/pothole/check", Map.of()))).isEqualTo("/report/pothole/confirmation");
        String confirmation = resident.get("/report/pothole/confirmation").body();
        Matcher reference = REFERENCE.matcher(confirmation);
        assertThat(reference.find()).as("the confirmation shows the reference").isTrue();
        String ref = reference.group(1);

        Map<String, Object> row = jdbc.sql("select id, channel, answers::text as answers, address_string, description, requester_account, "
                + "contact_sealed is not null as sealed from requests.service_request where reference = ?").param(ref).query().singleRow();
        assertThat(row.get("channel")).isEqualTo("web");
        assertThat((String) row.get("answers")).contains("\"size\": [\"small\"]").contains("\"depth\": [\"7\"]");
        assertThat(row.get("address_string")).isEqualTo("Outside 12 High Street, RB1 2AA");
        assertThat(row.get("requester_account")).isNull();
        assertThat(row.get("sealed")).isEqualTo(true);
        UUID requestId = (UUID) row.get("id");
        assertThat(jdbc.sql("select count(*) from identity.spring_session_attributes where position(convert_to(?, 'UTF8') in attribute_bytes) > 0")
                .param("ann.journey@example.org").query(Long.class).single()).as("contact details in clear in a session").isZero();

        // the photo: re-encoded without EXIF or GPS, attached to the request, served to this session only
        Map<String, Object> photo = jdbc.sql("select id, bytes, content_type from requests.photo where request_id = ?").param(requestId)
                .query().singleRow();
        byte[] stored = (byte[]) photo.get("bytes");
        assertThat(photo.get("content_type")).isEqualTo("image/jpeg");
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(stored))).isNotNull();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain(GPS_MARK).doesNotContain("GPS");
        assertThat(hasApp1(stored)).as("an APP1 (EXIF/XMP) segment").isFalse();
        String photoUrl = "/photos/" + photo.get("id");
        HttpResponse<byte[]> served = bytes(resident, photoUrl);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline").contains("photo.jpg");
        assertThat(served.body()).isEqualTo(stored);
        assertThat(new WebSession(port).get(photoUrl).statusCode()).isEqualTo(404);
        WebSession otherCitizen = new WebSession(port);
        otherCitizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(otherCitizen.get(photoUrl).statusCode()).isEqualTo(404);
        WebSession caseworker = new WebSession(port);
        caseworker.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(caseworker.get(photoUrl).statusCode()).as("staff see photos of their teams' cases").isEqualTo(200);
        assertThat(caseworker.get("/staff/cases/" + ref).body()).as("the case page shows the photo")
                .contains("src=\"" + photoUrl + "\"");

        // tracking: public status and public notes only
        cases.transition(CaseScope.all(), ref, "acknowledged", Actor.system(), "We will look at it this week.", "Crew B, ask Bob");
        HttpResponse<String> tracked = new WebSession(port).get("/track/" + ref.toLowerCase());
        assertThat(tracked.statusCode()).isEqualTo(200);
        assertThat(tracked.body()).contains("Seen by our team").contains("We will look at it this week.")
                .doesNotContain("Crew B").doesNotContain("ann.journey@example.org").doesNotContain("Ann Example");
        assertThat(WebSession.location(new WebSession(port).get("/track?reference=" + ref.toLowerCase()))).isEqualTo("/track/" + ref);
        HttpResponse<String> unknown = new WebSession(port).get("/track?reference=RBC-2222-2222");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("There is no request with this reference number");

        // satisfaction: only with the secret link, only once the request is finished, only once
        Matcher link = SATISFACTION.matcher(confirmation);
        assertThat(link.find()).isTrue();
        String satisfactionUrl = link.group(1).replace("&amp;", "&");
        WebSession holder = new WebSession(port);
        assertThat(holder.get("/track/" + ref + "/satisfaction").statusCode()).isEqualTo(404);
        assertThat(holder.get("/track/" + ref + "/satisfaction?key=guessed").statusCode()).isEqualTo(404);
        assertThat(WebSession.location(holder.get(satisfactionUrl))).isEqualTo("/track/" + ref);
        cases.transition(CaseScope.all(), ref, "in_progress", Actor.system(), null, null);
        cases.transition(CaseScope.all(), ref, "resolved", Actor.system(), "Filled in.", null);
        assertThat(holder.get(satisfactionUrl).body()).contains("Very dissatisfied").contains("Very satisfied");
        String key = satisfactionUrl.substring(satisfactionUrl.indexOf("key=") + 4);
        HttpResponse<String> noRating = holder.postForm("/track/" + ref + "/satisfaction", Map.of("key", key));
        assertThat(noRating.statusCode()).isEqualTo(400);
        assertThat(noRating.body()).contains("Select how satisfied you are");
        assertThat(holder.postForm("/track/" + ref + "/satisfaction", Map.of("key", key, "rating", "6")).statusCode()).isEqualTo(400);
        HttpResponse<String> thanks = holder.postForm("/track/" + ref + "/satisfaction",
                Map.of("key", key, "rating", "4", "comment", "Quick work, thanks to the crew on Maple Road"));
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Thank you for your answer");
        HttpResponse<String> again = holder.postForm("/track/" + ref + "/satisfaction", Map.of("key", key, "rating", "1"));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("You have already told us");
        assertThat(jdbc.sql("select rating from requests.satisfaction where request_id = ?").param(requestId).query(Integer.class).single())
                .isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from requests.satisfaction where position(convert_to('Maple', 'UTF8') in comment_sealed) > 0")
                .query(Long.class).single()).isZero();
    }

    @Test
    void anApplicationNeedsContactDetailsAndASignedInResidentHasThemFilledIn() {
        WebSession anonymous = new WebSession(port);
        walkToContact(anonymous);
        HttpResponse<String> none = anonymous.postForm("/report/parking-permit/contact", Map.of("name", "", "email", "", "phone", ""));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("Enter your full name").contains("Enter an email address or a phone number");

        WebSession citizen = new WebSession(port);
        citizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        walkToContact(citizen);
        String contact = citizen.get("/report/parking-permit/contact").body();
        assertThat(contact).contains("value=\"citizen@riverside.example\"");
        Matcher name = Pattern.compile("id=\"name\" name=\"name\" type=\"text\" value=\"([^\"]+)\"").matcher(contact);
        assertThat(name.find()).isTrue();
        assertThat(WebSession.location(citizen.postForm("/report/parking-permit/contact",
                Map.of("name", name.group(1), "email", "citizen@riverside.example", "phone", "01632 960 001"))))
                .isEqualTo("/report/parking-permit/check");
        citizen.get("/report/parking-permit/check");
        citizen.postForm("/report/parking-permit/check", Map.of());
        Matcher reference = REFERENCE.matcher(citizen.get("/report/parking-permit/confirmation").body());
        assertThat(reference.find()).isTrue();
        assertThat(jdbc.sql("select requester_account is not null from requests.service_request where reference = ?")
                .param(reference.group(1)).query(Boolean.class).single()).isTrue();
        String mine = citizen.get("/your-requests").body();
        assertThat(mine).contains(reference.group(1)).contains("Received");
    }

    private static void walkToContact(WebSession session) {
        session.get("/report/parking-permit/location");
        session.postForm("/report/parking-permit/location", Map.of("address", "3 Station Road"));
        session.postForm("/report/parking-permit/question/vehicle_registration", Map.of("answer", "AB12 CDE"));
        session.postForm("/report/parking-permit/question/zone", Map.of("answer", "c"));
        session.postForm("/report/parking-permit/question/permit_length", Map.of("answer", "12m"));
        HttpResponse<String> badDate = session.postForm("/report/parking-permit/question/start_date",
                Map.of("answer-day", "31", "answer-month", "2", "answer-year", "2027"));
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("Enter a real date").contains("href=\"#answer-day\"");
        assertThat(WebSession.location(session.postForm("/report/parking-permit/question/start_date",
                Map.of("answer-day", "1", "answer-month", "3", "answer-year", "2027")))).isEqualTo("/report/parking-permit/description");
        session.postForm("/report/parking-permit/description", Map.of("description", ""));
        session.get("/report/parking-permit/photo");
        session.postForm("/report/parking-permit/photo", Map.of());
        session.get("/report/parking-permit/contact");
    }

    @Test
    void aPhotoMayBeLargerThanOtherRequestsButNotOver8Megabytes() throws Exception {
        WebSession resident = new WebSession(port);
        resident.get("/report/graffiti/location");
        resident.postForm("/report/graffiti/location", Map.of("address", "Bridge on Mill Lane"));
        resident.get("/report/graffiti/photo");
        byte[] big = noisyPng(700, 700); // over the general 1 MB limit, under the photo limit
        assertThat(big.length).isGreaterThan(1024 * 1024);
        HttpResponse<String> accepted = upload(resident, "/report/graffiti/photo", "wall.png", "image/png", big);
        assertThat(accepted.statusCode()).isEqualTo(302);
        byte[] tooBig = new byte[9 * 1024 * 1024];
        tooBig[0] = (byte) 0x89;
        HttpResponse<String> refused = upload(resident, "/report/graffiti/photo", "huge.png", "image/png", tooBig);
        assertThat(refused.statusCode()).isEqualTo(413);
        HttpResponse<String> elsewhere = resident.postRaw("/feedback", "application/x-www-form-urlencoded",
                "message=" + "x".repeat(1_200_000));
        assertThat(elsewhere.statusCode()).isEqualTo(413);
    }

    @Test
    void feedbackOnAPageIsStoredWithoutAnythingPersonalInClear() {
        WebSession visitor = new WebSession(port);
        assertThat(visitor.get("/feedback?from=/report/pothole/location").body()).contains("value=\"/report/pothole/location\"");
        HttpResponse<String> empty = visitor.postForm("/feedback", Map.of("from", "/report/pothole/location", "message", " "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("Enter what the problem is");
        HttpResponse<String> sent = visitor.postForm("/feedback",
                Map.of("from", "/report/pothole/location?q=secret", "message", "The map did not load for Zebedee"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from requests.page_feedback where page_path = '/report/pothole/location'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from requests.page_feedback where position(convert_to('Zebedee', 'UTF8') in message_sealed) > 0")
                .query(Long.class).single()).isZero();
        HttpResponse<String> noToken = new WebSession(port).postRaw("/feedback", "application/x-www-form-urlencoded", "message=hi");
        assertThat(noToken.statusCode()).isEqualTo(403);
    }

    @Test
    void theStartPageFindsServicesByNameAndKeyword() {
        WebSession visitor = new WebSession(port);
        String start = visitor.get("/").body();
        assertThat(start).contains("Most used services").contains("Roads and pavements").contains("href=\"/report/pothole\"");
        String lamp = visitor.get("/?q=lamp").body();
        assertThat(lamp).contains("1 service matches").contains("Street light fault");
        assertThat(visitor.get("/?q=zzzz").body()).contains("No services match");
    }

    // ---- helpers ----

    private static HttpResponse<String> upload(WebSession session, String path, String filename, String type, byte[] content) {
        String boundary = "----civitas" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + session.csrfToken() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return session.send(session.request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private HttpResponse<byte[]> bytes(WebSession session, String path) throws Exception {
        // the session's cookie, sent by hand: WebSession reads bodies as text
        java.net.CookieManager cookies = new java.net.CookieManager();
        java.lang.reflect.Field field = WebSession.class.getDeclaredField("cookies");
        field.setAccessible(true);
        java.net.CookieManager held = (java.net.CookieManager) field.get(session);
        String cookie = held.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] noisyPng(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static boolean hasApp1(byte[] jpeg) {
        int i = 2;
        while (i + 4 < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xE1) {
                return true;
            }
            if (marker == 0xDA) {
                return false; // image data starts: no more header segments
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            i += 2 + length;
        }
        return false;
    }
}
