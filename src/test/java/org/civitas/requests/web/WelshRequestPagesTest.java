package org.civitas.requests.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.civitas.CivitasTest;
import org.civitas.requests.cases.Actor;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Cases;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The requests pages and Open311 in Welsh (issue 20), asked for with Accept-Language: cy: the words
 * of the requests bundle in Welsh on every step of a report, its errors, the confirmation and the
 * tracking page, whose dates put "am" before a Welsh time. The service's own name and questions are
 * the catalogue's, and the layout's words the platform's: not asserted here.
 */
@CivitasTest
class WelshRequestPagesTest {

    private static final Pattern REFERENCE = Pattern.compile("data-reference>([A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4})<");
    /** A date and time as Welsh pages write it: 27 Mawrth 2026 am 2:30yh. */
    private static final Pattern WELSH_TIME = Pattern.compile("\\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{1,2}:\\d{2}y[bh]</time>");

    @LocalServerPort
    int port;

    @Autowired
    Cases cases;

    @Test
    void aResidentReportsAPotholeAndTracksItInWelsh() {
        WebSession resident = new WebSession(port);
        assertThat(get(resident, "/report/pothole").body()).contains("Dechrau nawr").contains("Nid oes angen cyfrif arnoch")
                .doesNotContain("Start now");

        assertThat(get(resident, "/report/pothole/location").body()).contains("Ble mae hyn?").contains("Parhau")
                .doesNotContain("Where is it?").doesNotContain(">Continue<");
        HttpResponse<String> noPlace = post(resident, "/report/pothole/location", Map.of("address", " "));
        assertThat(noPlace.statusCode()).isEqualTo(400);
        assertThat(noPlace.body()).contains("href=\"#address\"").contains("Nodwch ble mae, neu ddewiswch y lle ar y map")
                .doesNotContain("Enter where it is");
        assertThat(WebSession.location(post(resident, "/report/pothole/location", Map.of("address", "Y tu allan i 12 Stryd Fawr"))))
                .isEqualTo("/report/pothole/question/size");
        post(resident, "/report/pothole/question/size", Map.of("answer", "large"));
        post(resident, "/report/pothole/question/depth", Map.of("answer", "7"));
        post(resident, "/report/pothole/question/surface", Map.of("answer", "road"));

        assertThat(get(resident, "/report/pothole/description").body()).contains("Rhowch fwy o wybodaeth i ni");
        HttpResponse<String> markup = post(resident, "/report/pothole/description", Map.of("description", "<b>twll</b>"));
        assertThat(markup.statusCode()).isEqualTo(400);
        assertThat(markup.body()).contains("Tynnwch yr HTML neu’r cod");
        post(resident, "/report/pothole/description", Map.of("description", "Twll dwfn wrth yr arhosfan bws"));
        assertThat(get(resident, "/report/pothole/photo").body()).contains("Ychwanegu llun (dewisol)");
        post(resident, "/report/pothole/photo", Map.of());
        assertThat(get(resident, "/report/pothole/contact").body()).contains("Eich manylion cyswllt").contains("Cyfeiriad e-bost");
        HttpResponse<String> badEmail = post(resident, "/report/pothole/contact", Map.of("name", "Ann Enghraifft", "email", "ann-at-example"));
        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(badEmail.body()).contains("Rhowch gyfeiriad e-bost yn y fformat cywir");
        post(resident, "/report/pothole/contact", Map.of("name", "", "email", "", "phone", ""));

        String check = get(resident, "/report/pothole/check").body();
        assertThat(check).contains("Gwiriwch eich atebion cyn anfon").contains("Y tu allan i 12 Stryd Fawr").contains("Heb eu rhoi")
                .contains(">Newid<").contains("Nawr anfonwch eich cais").doesNotContain("Check your answers");
        assertThat(WebSession.location(post(resident, "/report/pothole/check", Map.of()))).isEqualTo("/report/pothole/confirmation");
        String confirmation = get(resident, "/report/pothole/confirmation").body();
        assertThat(confirmation).contains("Cais wedi’i anfon").contains("Eich cyfeirnod").contains("Beth sy’n digwydd nesaf")
                .doesNotContain("Request sent");
        Matcher reference = REFERENCE.matcher(confirmation);
        assertThat(reference.find()).isTrue();
        String ref = reference.group(1);

        cases.transition(CaseScope.all(), ref, "acknowledged", Actor.system(), "Byddwn yn edrych arno yr wythnos hon.", null);
        HttpResponse<String> tracked = get(new WebSession(port), "/track/" + ref);
        assertThat(tracked.statusCode()).isEqualTo(200);
        assertThat(tracked.body()).contains("Cais " + ref).contains("Mae ein tîm wedi’i weld").contains("Wedi dod i law")
                .contains("Beth sydd wedi digwydd").doesNotContain("Seen by our team");
        assertThat(WELSH_TIME.matcher(tracked.body()).find()).as("a Welsh date and time on the tracking page").isTrue();
        assertThat(tracked.body()).doesNotContainPattern("\\d{1,2}:\\d{2}(am|pm|AM|PM)");

        // the staff console in Welsh: the queue, the case, the contact details' purposes (the trust bundle's)
        WebSession caseworker = new WebSession(port);
        caseworker.signIn("caseworker@riverside.example", CivitasTest.DEMO_PASSWORD);
        String queue = get(caseworker, "/staff").body();
        assertThat(queue).contains("Hidlo achosion").contains("Defnyddio’r hidlwyr").contains(ref).doesNotContain("Filter cases");
        assertThat(queue).containsPattern("\\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{1,2}:\\d{2}y[bh]");
        String casePage = get(caseworker, "/staff/cases/" + ref).body();
        assertThat(casePage).contains("Achos " + ref).contains("Wedi’i gydnabod").contains("Newid y statws").contains("Hanes")
                .contains("Wedi’i wneud drwy").contains("Gwefan").doesNotContain("Change the status");
        String contact = get(caseworker, "/staff/cases/" + ref + "/contact").body();
        assertThat(contact).contains("Pam mae angen manylion cyswllt y ceisydd arnoch chi?").contains("I ofyn iddyn nhw am ragor o fanylion")
                .doesNotContain("To ask them for more details");

        // a resident's data pages (the trust bundle)
        WebSession citizen = new WebSession(port);
        citizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        assertThat(get(citizen, "/account/data-access").body()).contains("Pwy sydd wedi gweld eich data").contains("Lawrlwytho eich data")
                .doesNotContain("Who has seen your data");
        assertThat(get(citizen, "/account/delete").body()).contains("Ni allwch ddadwneud hyn").contains("Dileu fy nata");

        HttpResponse<String> unknown = get(new WebSession(port), "/track?reference=RBC-2222-2222");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Nid oes cais â’r cyfeirnod hwn");
    }

    @Test
    void open311AnswersInTheLanguageAskedFor() {
        WebSession app = new WebSession(port);
        HttpResponse<String> welsh = app.get("/open311/v2/services/no-such-service.json", "Accept-Language", "cy");
        HttpResponse<String> english = app.get("/open311/v2/services/no-such-service.json", "Accept-Language", "en-GB");
        assertThat(welsh.statusCode()).isEqualTo(english.statusCode()).isBetween(400, 499);
        assertThat(english.body()).contains("service_code");
        assertThat(welsh.body()).contains("Nid oes gwasanaeth â’r service_code hwn").doesNotContain("There is no service");
    }

    private static HttpResponse<String> get(WebSession session, String path) {
        return session.get(path, "Accept-Language", "cy");
    }

    private static HttpResponse<String> post(WebSession session, String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", session.csrfToken());
        return session.postRaw(path, "application/x-www-form-urlencoded", WebSession.form(all), "Accept-Language", "cy");
    }
}
