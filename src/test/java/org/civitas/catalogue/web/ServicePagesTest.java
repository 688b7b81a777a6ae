package org.civitas.catalogue.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civitas.CivitasTest;
import org.civitas.catalogue.Services;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The staff console's service catalogue pages over real HTTP: who may change what, the forms' rules, the questions editor. */
@CivitasTest
class ServicePagesTest {

    @LocalServerPort
    int port;

    @Autowired
    Services services;

    private WebSession signedIn(String email) {
        WebSession session = new WebSession(port);
        session.signIn(email, CivitasTest.DEMO_PASSWORD);
        return session;
    }

    private static Map<String, String> details(String code, String team) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", code);
        form.put("name", "Broken bench");
        form.put("description", "Report a broken bench.");
        form.put("nameCy", "Mainc wedi torri");
        form.put("descriptionCy", "Rhoi gwybod am fainc wedi torri.");
        form.put("group", "Streets");
        form.put("keywords", "bench, seat");
        form.put("type", "realtime");
        form.put("team", team);
        form.put("sla-amount", "3");
        form.put("slaUnit", "working_days");
        return form;
    }

    @Test
    void caseworkersCitizensAndVisitorsAreRefused() {
        assertThat(signedIn("caseworker@riverside.example").get("/staff/services").statusCode()).isEqualTo(403);
        assertThat(signedIn("citizen@riverside.example").get("/staff/services/pothole").statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = new WebSession(port).get("/staff/services");
        assertThat(WebSession.location(anonymous)).isEqualTo("/sign-in");
    }

    @Test
    void aServiceManagerManagesOnlyTheirTeamsServices() {
        WebSession manager = signedIn("manager@riverside.example");
        assertThat(manager.get("/staff/services").body()).contains("Pothole").contains("Tree problem");
        assertThat(manager.get("/staff/services/tree/questions").statusCode()).as("tree belongs to parks").isEqualTo(403);
        assertThat(manager.get("/staff/services/tree/details").statusCode()).isEqualTo(403);
        manager.get("/staff/services/new");
        assertThat(manager.postForm("/staff/services/tree/retire", Map.of()).statusCode()).isEqualTo(403);
        assertThat(manager.postForm("/staff/services", details("bench-parks", "parks")).statusCode()).isEqualTo(403);
        assertThat(services.byCode("bench-parks")).isEmpty();
        assertThat(services.byCode("tree").orElseThrow().live()).isTrue();
        assertThat(manager.get("/staff/services/no-such-service").statusCode()).isEqualTo(404);
    }

    @Test
    void theDetailsFormNamesEachFieldAndRule() {
        WebSession manager = signedIn("manager@riverside.example");
        manager.get("/staff/services/new");
        Map<String, String> bad = details("Bad Code!", "");
        bad.put("name", "");
        bad.put("sla-amount", "soon");
        HttpResponse<String> refused = manager.postForm("/staff/services", bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("<title>Error: ").contains("href=\"#code\"").contains("href=\"#name\"")
                .contains("href=\"#team\"").contains("href=\"#sla-amount\"").contains("Bad Code!");
        Map<String, String> taken = details("pothole", "highways");
        assertThat(manager.postForm("/staff/services", taken).body()).contains("Another service already uses this code");
    }

    @Test
    void anSlaAmountIsWrittenInAsciiDigits() {
        WebSession manager = signedIn("manager@riverside.example");
        manager.get("/staff/services/new");
        // Integer.valueOf read the Arabic-Indic ٣ and the full-width ３ as 3
        for (String amount : List.of("\u0663", "\uff13", "3e0", "99999999999")) {
            Map<String, String> form = details("bench-digits", "highways");
            form.put("sla-amount", amount);
            HttpResponse<String> refused = manager.postForm("/staff/services", form);
            assertThat(refused.statusCode()).as(amount).isEqualTo(400);
            assertThat(refused.body()).as(amount).contains("href=\"#sla-amount\"");
            assertThat(services.byCode("bench-digits")).as(amount).isEmpty();
        }
    }

    @Test
    void aServiceIsCreatedGivenQuestionsPublishedChangedAndRetired() {
        WebSession manager = signedIn("manager@riverside.example");
        assertThat(manager.get("/staff/services/new").body()).contains("Name (Cymraeg)").contains("Description (Cymraeg)");
        Map<String, String> englishOnly = details("bench", "highways");
        englishOnly.remove("nameCy");
        englishOnly.remove("descriptionCy");
        HttpResponse<String> created = manager.postForm("/staff/services", englishOnly);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(WebSession.location(created)).isEqualTo("/staff/services/bench?done=created");
        assertThat(manager.get("/staff/services/bench?done=created").body()).contains("Draft").contains("The draft service is created");

        manager.get("/staff/services/bench/questions");
        HttpResponse<String> added = manager.postForm("/staff/services/bench/questions", Map.of("count", "0", "action", "add"));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("Question 1").contains("name=\"q0.code\"");

        Map<String, String> two = new LinkedHashMap<>();
        two.put("count", "2");
        two.put("q0.code", "where");
        two.put("q0.description", "Where is the bench?");
        two.put("q0.datatype", "string");
        two.put("q0.required", "true");
        two.put("q1.code", "damage");
        two.put("q1.description", "What is wrong with it?");
        two.put("q1.datatype", "singlevaluelist");
        two.put("q1.values", "seat | The seat is broken\nPainted over");
        two.put("q1.valuesCy", "Mae’r sedd wedi torri");
        two.put("action", "down-0");
        HttpResponse<String> moved = manager.postForm("/staff/services/bench/questions", two);
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(moved.body().indexOf("What is wrong with it?")).isLessThan(moved.body().indexOf("Where is the bench?"));
        assertThat(services.currentVersion("bench").orElseThrow().questions()).as("moving does not write").isEmpty();

        Map<String, String> unknownButton = new LinkedHashMap<>(two);
        unknownButton.put("action", "remove-99");
        assertThat(manager.postForm("/staff/services/bench/questions", unknownButton).statusCode()).isEqualTo(200);
        assertThat(services.currentVersion("bench").orElseThrow().questions()).as("an unknown button writes nothing").isEmpty();

        Map<String, String> bad = new LinkedHashMap<>(two);
        bad.put("q0.code", "Not A Code");
        bad.put("action", "save");
        HttpResponse<String> refused = manager.postForm("/staff/services/bench/questions", bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("href=\"#questions-0-code\"");

        two.put("action", "save");
        HttpResponse<String> saved = manager.postForm("/staff/services/bench/questions", two);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        var questions = services.currentVersion("bench").orElseThrow().questions();
        assertThat(questions).extracting(q -> q.code()).containsExactly("where", "damage");
        assertThat(questions.get(1).values()).extracting(v -> v.key()).containsExactly("seat", "painted-over");
        assertThat(services.byCode("bench").orElseThrow().version()).isEqualTo(1);

        // a draft may go without Welsh; publishing it may not, and the error summary names each missing Welsh word
        assertThat(services.currentVersion("bench").orElseThrow().questions().get(1).values().get(0).name().cy())
                .isEqualTo("Mae’r sedd wedi torri");
        manager.get("/staff/services/bench");
        HttpResponse<String> incomplete = manager.postForm("/staff/services/bench/publish", Map.of());
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("<title>Error: ").contains("Enter the service name in Welsh")
                .contains("Enter the service description in Welsh").contains("Enter the question in Welsh")
                .contains("Enter each answer to choose from in Welsh").contains("href=\"#change-details\"")
                .contains("href=\"#change-questions\"").contains("id=\"change-details\"");
        assertThat(services.liveByCode("bench")).as("nothing published").isEmpty();

        manager.get("/staff/services/bench/details");
        assertThat(manager.postForm("/staff/services/bench/details", details("bench", "highways")).statusCode()).isEqualTo(302);
        assertThat(manager.get("/staff/services/bench").body()).contains("Mainc wedi torri");
        manager.get("/staff/services/bench/questions");
        two.put("q0.descriptionCy", "Ble mae’r fainc?");
        two.put("q1.descriptionCy", "Beth sydd o’i le arni?");
        two.put("q1.valuesCy", "Mae’r sedd wedi torri\nMae wedi’i phaentio\nUn yn ormod");
        HttpResponse<String> tooMany = manager.postForm("/staff/services/bench/questions", two);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("href=\"#questions-1-valuesCy\"");
        two.put("q1.valuesCy", "Mae’r sedd wedi torri\nMae wedi’i phaentio");
        assertThat(manager.postForm("/staff/services/bench/questions", two).statusCode()).isEqualTo(302);
        assertThat(manager.get("/staff/services/bench/questions").body()).contains("value=\"Ble mae’r fainc?\"")
                .contains("Mae’r sedd wedi torri\nMae wedi’i phaentio</textarea>");

        manager.get("/staff/services/bench");
        assertThat(WebSession.location(manager.postForm("/staff/services/bench/publish", Map.of()))).isEqualTo("/staff/services/bench?done=published");
        assertThat(services.liveByCode("bench")).isPresent();
        HttpResponse<String> again = manager.postForm("/staff/services/bench/publish", Map.of());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("This service is already live");

        manager.get("/staff/services/bench/questions");
        Map<String, String> oneLess = new LinkedHashMap<>(two);
        oneLess.put("action", "remove-1");
        HttpResponse<String> removed = manager.postForm("/staff/services/bench/questions", oneLess);
        assertThat(removed.body()).contains("Publish as a new version").doesNotContain("What is wrong with it?");
        Map<String, String> publishNew = new LinkedHashMap<>();
        publishNew.put("count", "1");
        publishNew.put("q0.code", "where");
        publishNew.put("q0.description", "Where is the bench?");
        publishNew.put("q0.datatype", "string");
        publishNew.put("action", "save");
        HttpResponse<String> newVersionWithoutWelsh = manager.postForm("/staff/services/bench/questions", publishNew);
        assertThat(newVersionWithoutWelsh.statusCode()).as("a new version of a live service is published: it needs the Welsh").isEqualTo(400);
        assertThat(newVersionWithoutWelsh.body()).contains("href=\"#questions-0-descriptionCy\"").contains("Enter the question in Welsh");
        assertThat(services.byCode("bench").orElseThrow().version()).isEqualTo(1);
        publishNew.put("q0.descriptionCy", "Ble mae’r fainc?");
        assertThat(manager.postForm("/staff/services/bench/questions", publishNew).statusCode()).isEqualTo(302);
        assertThat(services.byCode("bench").orElseThrow().version()).isEqualTo(2);
        assertThat(services.version("bench", 1).orElseThrow().questions()).as("version 1 stays as it was").hasSize(2);

        manager.get("/staff/services/bench/details");
        Map<String, String> renamed = details("ignored", "highways");
        renamed.put("name", "Broken or missing bench");
        assertThat(manager.postForm("/staff/services/bench/details", renamed).statusCode()).isEqualTo(302);
        assertThat(services.byCode("bench").orElseThrow().name().en()).isEqualTo("Broken or missing bench");
        assertThat(services.currentVersion("bench").orElseThrow().questions()).hasSize(1);

        manager.get("/staff/services/bench");
        assertThat(WebSession.location(manager.postForm("/staff/services/bench/retire", Map.of()))).isEqualTo("/staff/services?done=retired");
        assertThat(services.liveByCode("bench")).isEmpty();
        assertThat(manager.get("/staff/services/bench").body()).contains("Retired").doesNotContain("/staff/services/bench/questions\"");
    }

    @Test
    void theDetailsFormSaysWhetherRequestsMayComeWithoutContactDetails() {
        WebSession manager = signedIn("manager@riverside.example");
        String blank = manager.get("/staff/services/new").body();
        assertThat(blank).contains("Can people make a request without giving contact details?")
                .containsPattern("id=\"anonymousRequests\" name=\"anonymousRequests\" type=\"radio\" value=\"yes\" checked");

        Map<String, String> form = details("bench-named", "highways");
        form.put("anonymousRequests", "no");
        assertThat(manager.postForm("/staff/services", form).statusCode()).isEqualTo(302);
        assertThat(services.allowsAnonymousRequests("bench-named")).isFalse();
        assertThat(manager.get("/staff/services/bench-named").body()).contains("No, contact details are needed");
        assertThat(manager.get("/staff/services/bench-named/details").body())
                .containsPattern("id=\"anonymousRequests-no\" name=\"anonymousRequests\" type=\"radio\" value=\"no\" checked");

        form.put("anonymousRequests", "yes");
        assertThat(manager.postForm("/staff/services/bench-named/details", form).statusCode()).isEqualTo(302);
        assertThat(services.allowsAnonymousRequests("bench-named")).isTrue();

        manager.get("/staff/services/bench-named/details");
        form.put("anonymousRequests", "perhaps");
        form.put("name", "Renamed by a hand-made form");
        HttpResponse<String> refused = manager.postForm("/staff/services/bench-named/details", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("<title>Error: ").contains("href=\"#anonymousRequests\"")
                .contains("Choose yes or no for whether people can make a request without giving contact details");
        assertThat(services.byCode("bench-named").orElseThrow().name().en()).as("nothing written").isEqualTo("Broken bench");
        assertThat(services.allowsAnonymousRequests("bench-named")).isTrue();
    }

    @Test
    void theFormsSayWhetherRequestsArePrivateAndWhichAnswersArePersonal() {
        WebSession manager = signedIn("manager@riverside.example");
        assertThat(manager.get("/staff/services/new").body()).contains("Who may see where and what is reported?")
                .containsPattern("id=\"privacy\" name=\"privacy\" type=\"radio\" value=\"public\" checked");

        Map<String, String> form = details("permit-like", "highways");
        form.put("privacy", "private");
        assertThat(manager.postForm("/staff/services", form).statusCode()).isEqualTo(302);
        assertThat(services.byCode("permit-like").orElseThrow().privateRequests()).isTrue();
        assertThat(manager.get("/staff/services/permit-like").body()).contains("Private: an application or something about a person");
        assertThat(manager.get("/staff/services/permit-like/details").body())
                .containsPattern("id=\"privacy-private\" name=\"privacy\" type=\"radio\" value=\"private\" checked");

        manager.get("/staff/services/permit-like/questions");
        Map<String, String> questions = new java.util.HashMap<>();
        questions.put("count", "2");
        questions.put("q0.code", "registration");
        questions.put("q0.description", "What is the vehicle registration?");
        questions.put("q0.datatype", "string");
        questions.put("q0.personal", "true");
        questions.put("q1.code", "colour");
        questions.put("q1.description", "What colour is it?");
        questions.put("q1.datatype", "string");
        questions.put("action", "save");
        assertThat(manager.postForm("/staff/services/permit-like/questions", questions).statusCode()).isEqualTo(302);
        var saved = services.currentVersion("permit-like").orElseThrow().questions();
        assertThat(saved.get(0).personal()).isTrue();
        assertThat(saved.get(1).personal()).isFalse();
        assertThat(manager.get("/staff/services/permit-like/questions").body())
                .containsPattern("id=\"questions-0-personal\" name=\"q0.personal\" type=\"checkbox\" value=\"true\" checked");

        // a details change keeps the questions' personal flags
        manager.get("/staff/services/permit-like/details");
        form.put("name", "Permit-like application");
        assertThat(manager.postForm("/staff/services/permit-like/details", form).statusCode()).isEqualTo(302);
        assertThat(services.currentVersion("permit-like").orElseThrow().questions().get(0).personal()).isTrue();

        manager.get("/staff/services/permit-like/details");
        form.put("privacy", "secret");
        form.put("name", "Renamed by a hand-made form");
        HttpResponse<String> refused = manager.postForm("/staff/services/permit-like/details", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("<title>Error: ").contains("href=\"#privacy\"")
                .contains("Choose public or private for who may see where and what is reported");
        assertThat(services.byCode("permit-like").orElseThrow().name().en()).as("nothing written").isEqualTo("Permit-like application");
    }
}
