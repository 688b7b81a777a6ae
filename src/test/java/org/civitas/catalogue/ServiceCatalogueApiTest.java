package org.civitas.catalogue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.civitas.CivitasTest;
import org.civitas.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue's native API over real HTTP: versions, who may do what, bad input, and the demo services. */
@CivitasTest
@Import(ServiceCatalogueApiTest.EventLog.class)
class ServiceCatalogueApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Services services;

    @Autowired
    WorkingCalendar calendar;

    static String service(String code, String team, String questions) {
        return """
                {"code":"%s","name":"Abandoned trolley","description":"Report a shopping trolley left in the street.",
                 "nameCy":"Troli wedi’i adael","descriptionCy":"Rhoi gwybod am droli siopa wedi’i adael ar y stryd.",
                 "group":"Streets and public spaces","keywords":["trolley"],"type":"realtime","team":"%s",
                 "sla":{"amount":3,"unit":"working_days"},"questions":%s}""".formatted(code, team, questions);
    }

    static final String QUESTIONS_V1 = """
            [{"code":"count","datatype":"number","required":true,"description":"How many trolleys are there?",
              "descriptionCy":"Faint o drolïau sydd yno?"},
             {"code":"shop","datatype":"singlevaluelist","required":false,"description":"Which shop are they from?",
              "descriptionCy":"O ba siop maen nhw’n dod?",
              "values":[{"key":"a","name":"Shop A","nameCy":"Siop A"},{"key":"b","name":"Shop B","nameCy":"Siop B"}]}]""";

    static final String QUESTIONS_V2 = """
            [{"code":"count","datatype":"number","required":true,"description":"How many trolleys are there?",
              "descriptionCy":"Faint o drolïau sydd yno?"},
             {"code":"in_water","datatype":"singlevaluelist","required":true,"description":"Are any in the river?",
              "descriptionCy":"Oes rhai yn yr afon?",
              "values":[{"key":"yes","name":"Yes","nameCy":"Oes"},{"key":"no","name":"No","nameCy":"Nac oes"}]}]""";

    // ---- versions ----

    @Test
    void aLiveServicesQuestionChangeMakesVersionTwoAndVersionOneStaysAsItWas() {
        WebSession admin = staff("admin@riverside.example");
        assertThat(post(admin, "/api/v1/services", service("trolley", "highways", QUESTIONS_V1)).statusCode()).isEqualTo(201);

        // a draft changes in place
        HttpResponse<String> draftChanged = put(admin, "/api/v1/services/trolley", service("trolley", "highways", QUESTIONS_V1)
                .replace("Abandoned trolley", "Abandoned shopping trolley"));
        assertThat(draftChanged.statusCode()).isEqualTo(200);
        assertThat(draftChanged.body()).contains("\"version\":1").contains("\"status\":\"draft\"").contains("Abandoned shopping trolley");
        assertThat(services.liveByCode("trolley")).as("a draft is not offered").isEmpty();

        HttpResponse<String> published = post(admin, "/api/v1/services/trolley/publish", "");
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.body()).contains("\"status\":\"live\"").contains("\"publishedAt\":\"20");
        assertThat(services.liveByCode("trolley")).isPresent();

        HttpResponse<String> changed = put(admin, "/api/v1/services/trolley", service("trolley", "highways", QUESTIONS_V2));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("\"version\":2").contains("\"versions\":[1,2]").contains("in_water");

        HttpResponse<String> v1 = admin.get("/api/v1/services/trolley/versions/1");
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(v1.body()).contains("\"shop\"").contains("Abandoned shopping trolley").doesNotContain("in_water");
        assertThat(admin.get("/api/v1/services/trolley/versions/2").body()).contains("in_water").doesNotContain("\"shop\"");
        assertThat(admin.get("/api/v1/services/trolley/versions/3").statusCode()).isEqualTo(404);

        ServiceVersion one = services.version("trolley", 1).orElseThrow();
        ServiceVersion two = services.currentVersion("trolley").orElseThrow();
        assertThat(one.questions()).extracting(Question::code).containsExactly("count", "shop");
        assertThat(two.version()).isEqualTo(2);
        assertThat(two.questions()).extracting(Question::code).containsExactly("count", "in_water");
        assertThat(two.questions().get(1).order()).isEqualTo(2);

        // a change of unversioned facts only does not make a version
        HttpResponse<String> slaOnly = put(admin, "/api/v1/services/trolley", service("trolley", "highways", QUESTIONS_V2)
                .replace("\"amount\":3", "\"amount\":4"));
        assertThat(slaOnly.body()).contains("\"version\":2").contains("\"amount\":4");

        assertThat(events("trolley")).containsExactly("ServiceCreated", "ServiceDraftChanged", "ServiceVersionPublished",
                "ServiceVersionPublished", "ServiceDetailsChanged");

        HttpResponse<String> retired = post(admin, "/api/v1/services/trolley/retire", "");
        assertThat(retired.statusCode()).isEqualTo(200);
        assertThat(services.liveByCode("trolley")).as("retired services are not offered").isEmpty();
        assertThat(events("trolley")).endsWith("ServiceRetired");
        assertThat(services.version("trolley", 1)).as("their versions stay readable").isPresent();
        HttpResponse<String> afterRetire = put(admin, "/api/v1/services/trolley", service("trolley", "highways", QUESTIONS_V1));
        assertThat(afterRetire.statusCode()).isEqualTo(422);
        assertThat(afterRetire.body()).contains("\"field\":\"status\"");
    }

    // ---- who may do what ----

    @Test
    void aManagerManagesTheirOwnTeamsServicesOnly() {
        WebSession manager = staff("manager@riverside.example"); // team highways
        assertThat(post(manager, "/api/v1/services", service("manager-own", "highways", "[]")).statusCode()).isEqualTo(201);
        assertThat(post(manager, "/api/v1/services/manager-own/publish", "").statusCode()).isEqualTo(200);

        int before = count();
        assertThat(post(manager, "/api/v1/services", service("manager-other", "waste", "[]")).statusCode()).isEqualTo(403);
        assertThat(count()).isEqualTo(before);
        // missed-bin belongs to waste
        assertThat(put(manager, "/api/v1/services/missed-bin", service("missed-bin", "waste", "[]")).statusCode()).isEqualTo(403);
        assertThat(post(manager, "/api/v1/services/missed-bin/retire", "").statusCode()).isEqualTo(403);
        // nor may they hand their own service to another team
        assertThat(put(manager, "/api/v1/services/manager-own", service("manager-own", "waste", "[]")).statusCode()).isEqualTo(403);
        assertThat(services.liveByCode("missed-bin")).isPresent();
        // but they may read the whole catalogue
        assertThat(manager.get("/api/v1/services/missed-bin").statusCode()).isEqualTo(200);
    }

    @Test
    void anAdministratorManagesAnyTeamsServices() {
        WebSession admin = staff("admin@riverside.example");
        assertThat(post(admin, "/api/v1/services", service("admin-waste", "waste", "[]")).statusCode()).isEqualTo(201);
        assertThat(post(admin, "/api/v1/services", service("admin-parks", "parks", "[]")).statusCode()).isEqualTo(201);
        assertThat(admin.get("/api/v1/services").body()).contains("\"code\":\"admin-parks\"").contains("\"status\":\"draft\"");
    }

    @Test
    void caseworkersAndCitizensReadOrNothingButChangeNothing() {
        WebSession caseworker = staff("caseworker@riverside.example");
        assertThat(caseworker.get("/api/v1/services").statusCode()).isEqualTo(200);
        assertThat(post(caseworker, "/api/v1/services", service("by-caseworker", "highways", "[]")).statusCode()).isEqualTo(403);
        assertThat(post(caseworker, "/api/v1/services/pothole/retire", "").statusCode()).isEqualTo(403);

        WebSession citizen = new WebSession(port);
        citizen.signIn("citizen@riverside.example", CivitasTest.DEMO_PASSWORD);
        citizen.get("/account");
        assertThat(citizen.get("/api/v1/services").statusCode()).isEqualTo(403);
        assertThat(post(citizen, "/api/v1/services", service("by-citizen", "highways", "[]")).statusCode()).isEqualTo(403);

        assertThat(new WebSession(port).get("/api/v1/services").statusCode()).isEqualTo(401);
        assertThat(services.byCode("by-caseworker")).isEmpty();
        assertThat(services.byCode("by-citizen")).isEmpty();
    }

    @Test
    void anApiKeyWithCatalogueManageManagesServices() {
        WebSession client = new WebSession(port);
        HttpResponse<String> created = client.postRaw("/api/v1/services", "application/json",
                service("by-key", "parking", QUESTIONS_V1), "X-Api-Key", CivitasTest.DEMO_API_KEY);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(client.postRaw("/api/v1/services/by-key/publish", "application/json", "", "X-Api-Key", CivitasTest.DEMO_API_KEY)
                .statusCode()).isEqualTo(200);
        assertThat(client.get("/api/v1/services/by-key", "X-Api-Key", CivitasTest.DEMO_API_KEY).body()).contains("\"status\":\"live\"");
    }

    // ---- bad input ----

    @Test
    void everyBrokenRuleIsNamedByItsFieldAndNothingIsWritten() {
        WebSession admin = staff("admin@riverside.example");
        int before = count();
        String bad = """
                {"code":"Bad Code!","name":"","type":"sometimes","team":"nobody","sla":{"amount":0,"unit":"fortnights"},
                 "questions":[
                  {"code":"size","datatype":"colour","description":"What colour?"},
                  {"code":"size","datatype":"singlevaluelist","description":"Which size?"},
                  {"code":"depth","datatype":"number","description":"How deep?","values":[{"key":"a","name":"A"}]},
                  {"code":"ok","datatype":"multivaluelist","description":"Which?","values":[{"key":"a","name":"A"},{"key":"a","name":"B"}]},
                  {"code":"","datatype":"string","description":""}]}""";
        HttpResponse<String> response = post(admin, "/api/v1/services", bad);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(errors(response))
                .contains(error("code", "Enter a code of up to 63 lower-case letters"))
                .contains(error("name", "Enter a name for the service"))
                .contains(error("type", "Choose the type from the list"))
                .contains(error("team", "Choose a team from the list of teams"))
                .contains(error("sla.unit", "Choose the SLA unit"))
                .contains(error("sla.amount", "Enter the SLA amount as a whole number greater than 0"))
                .contains(error("questions[0].datatype", "Choose the kind of answer from the list"))
                .contains(error("questions[1].code", "Another question of this service already uses this code"))
                .contains(error("questions[1].values", "A question with a list of answers needs at least one answer"))
                .contains(error("questions[2].values", "Only a question with a list of answers"))
                .contains(error("questions[3].values[1].key", "Another answer of this question already uses this key"))
                .contains(error("questions[4].code", "Enter a code for the question"))
                .contains(error("questions[4].description", "Enter the question as a person will read it"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aDuplicateCodeIsRefused() {
        WebSession admin = staff("admin@riverside.example");
        int before = count();
        HttpResponse<String> response = post(admin, "/api/v1/services", service("pothole", "highways", "[]"));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(errors(response)).contains(error("code", "Another service already uses this code"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void slaLimitsMissingSlaAndACodeChangeAreRefused() {
        WebSession admin = staff("admin@riverside.example");
        int before = count();
        HttpResponse<String> negative = post(admin, "/api/v1/services", service("neg-sla", "highways", "[]").replace("\"amount\":3", "\"amount\":-2"));
        assertThat(negative.statusCode()).isEqualTo(422);
        assertThat(errors(negative)).contains(error("sla.amount", "Enter the SLA amount as a whole number greater than 0"));
        HttpResponse<String> tooLong = post(admin, "/api/v1/services", service("long-sla", "highways", "[]").replace("\"amount\":3", "\"amount\":400"));
        assertThat(errors(tooLong)).contains(error("sla.amount", "Enter an SLA of 365 working days or fewer"));
        HttpResponse<String> none = post(admin, "/api/v1/services", """
                {"code":"no-sla","name":"No SLA","team":"highways"}""");
        assertThat(errors(none)).contains(error("sla", "Enter the SLA target"));
        assertThat(count()).isEqualTo(before);

        String potholeBefore = admin.get("/api/v1/services/pothole").body();
        HttpResponse<String> recoded = put(admin, "/api/v1/services/pothole", service("pothole-2", "highways", "[]"));
        assertThat(recoded.statusCode()).isEqualTo(422);
        assertThat(errors(recoded)).contains(error("code", "A service’s code cannot change".replace("’", "'")));
        assertThat(admin.get("/api/v1/services/pothole").body()).isEqualTo(potholeBefore);
    }

    @Test
    void unknownServicesAndMalformedBodiesAreClearErrors() {
        WebSession admin = staff("admin@riverside.example");
        assertThat(admin.get("/api/v1/services/no-such-service").statusCode()).isEqualTo(404);
        assertThat(put(admin, "/api/v1/services/no-such-service", service("no-such-service", "highways", "[]")).statusCode()).isEqualTo(404);
        assertThat(post(admin, "/api/v1/services/no-such-service/publish", "").statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = post(admin, "/api/v1/services", "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("Exception");
        HttpResponse<String> wrongType = post(admin, "/api/v1/services", "{\"code\":\"x\",\"sla\":{\"amount\":\"many\"}}");
        assertThat(wrongType.statusCode()).isBetween(400, 422);
        assertThat(post(admin, "/api/v1/services/pothole/publish", "").statusCode()).as("already live").isEqualTo(422);
    }

    // ---- anonymous requests ----

    @Test
    void theAnonymousRequestsFlagIsShownDefaultsToYesIsSetAndKeptWhenNotGiven() {
        WebSession admin = staff("admin@riverside.example");
        // the demo seed: a street report may come without contact details, an application may not
        assertThat(JSON.readTree(admin.get("/api/v1/services/pothole").body()).path("anonymousRequests").asBoolean(false)).isTrue();
        assertThat(JSON.readTree(admin.get("/api/v1/services/bulky-waste").body()).path("anonymousRequests").asBoolean(true)).isFalse();

        HttpResponse<String> created = post(admin, "/api/v1/services", service("anon-default", "highways", "[]"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("anonymousRequests").isBoolean()).isTrue();
        assertThat(JSON.readTree(created.body()).path("anonymousRequests").asBoolean()).as("as the column's default").isTrue();
        assertThat(services.allowsAnonymousRequests("anon-default")).isTrue();

        String named = service("anon-named", "highways", "[]").replace("\"questions\":[]", "\"questions\":[],\"anonymousRequests\":false");
        HttpResponse<String> withFlag = post(admin, "/api/v1/services", named);
        assertThat(withFlag.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(withFlag.body()).path("anonymousRequests").asBoolean(true)).isFalse();
        assertThat(services.allowsAnonymousRequests("anon-named")).isFalse();

        // a PUT without it leaves it as it was; with it, changes it
        assertThat(put(admin, "/api/v1/services/anon-named", service("anon-named", "highways", "[]")).statusCode()).isEqualTo(200);
        assertThat(services.allowsAnonymousRequests("anon-named")).as("unchanged when not given").isFalse();
        HttpResponse<String> changed = put(admin, "/api/v1/services/anon-named", named.replace("\"anonymousRequests\":false", "\"anonymousRequests\":true"));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("anonymousRequests").asBoolean(false)).isTrue();
        assertThat(services.allowsAnonymousRequests("anon-named")).isTrue();
        assertThat(services.byCode("anon-named").orElseThrow().anonymousRequests()).isTrue();

        // a live service: the change is a details change, named in its event
        assertThat(post(admin, "/api/v1/services/anon-named/publish", "").statusCode()).isEqualTo(200);
        assertThat(put(admin, "/api/v1/services/anon-named", named).statusCode()).isEqualTo(200);
        assertThat(services.allowsAnonymousRequests("anon-named")).isFalse();
        assertThat(EventLog.COMMITTED).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(ServiceDetailsChanged.class,
                details -> assertThat(details).returns("anon-named", ServiceDetailsChanged::code)
                        .returns(List.of("anonymousRequests"), ServiceDetailsChanged::changedFields)));

        HttpResponse<String> wrongType = post(admin, "/api/v1/services",
                service("anon-wrong", "highways", "[]").replace("\"questions\":[]", "\"questions\":[],\"anonymousRequests\":\"perhaps\""));
        assertThat(wrongType.statusCode()).isBetween(400, 422);
        assertThat(wrongType.body()).doesNotContain("Exception");
        assertThat(services.byCode("anon-wrong")).isEmpty();
    }

    // ---- privacy of requests and personal answers (issue 12) ----

    @Test
    void privacyAndPersonalAnswersAreShownDefaultedSetKeptAndChecked() {
        WebSession admin = staff("admin@riverside.example");
        // the demo seed: a street report is public; a permit application and a noise complaint are about a person
        assertThat(JSON.readTree(admin.get("/api/v1/services/pothole").body()).path("privacy").asString()).isEqualTo("public");
        assertThat(JSON.readTree(admin.get("/api/v1/services/noise").body()).path("privacy").asString()).isEqualTo("private");
        var permit = JSON.readTree(admin.get("/api/v1/services/parking-permit").body());
        assertThat(permit.path("privacy").asString()).isEqualTo("private");
        assertThat(permit.path("questions")).anySatisfy(q -> {
            assertThat(q.path("code").asString()).isEqualTo("vehicle_registration");
            assertThat(q.path("personal").asBoolean(false)).as("a vehicle registration is personal data").isTrue();
        });
        assertThat(permit.path("questions")).anySatisfy(q -> {
            assertThat(q.path("code").asString()).isEqualTo("zone");
            assertThat(q.path("personal").asBoolean(true)).isFalse();
        });
        assertThat(services.byCode("noise").orElseThrow().privateRequests()).isTrue();

        HttpResponse<String> created = post(admin, "/api/v1/services", service("privacy-default", "highways", "[]"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("privacy").asString()).as("as the column's default").isEqualTo("public");

        String personalQuestion = "[{\"code\":\"plate\",\"datatype\":\"string\",\"description\":\"Which car?\","
                + "\"descriptionCy\":\"Pa gar?\",\"personal\":true}]";
        String named = service("privacy-named", "highways", personalQuestion)
                .replace("\"questions\":[{", "\"privacy\":\"private\",\"questions\":[{");
        HttpResponse<String> withPrivacy = post(admin, "/api/v1/services", named);
        assertThat(withPrivacy.statusCode()).as(withPrivacy.body()).isEqualTo(201);
        assertThat(JSON.readTree(withPrivacy.body()).path("privacy").asString()).isEqualTo("private");
        assertThat(JSON.readTree(withPrivacy.body()).path("questions").get(0).path("personal").asBoolean(false)).isTrue();
        assertThat(services.currentVersion("privacy-named").orElseThrow().questions().get(0).personal()).isTrue();

        // a PUT without it leaves it as it was; with it, changes it; a live service's change is named in its event
        assertThat(post(admin, "/api/v1/services/privacy-named/publish", "").statusCode()).isEqualTo(200);
        assertThat(put(admin, "/api/v1/services/privacy-named", service("privacy-named", "highways", personalQuestion)).statusCode())
                .isEqualTo(200);
        assertThat(services.byCode("privacy-named").orElseThrow().privacy()).as("unchanged when not given")
                .isEqualTo(org.civitas.catalogue.RequestPrivacy.PRIVATE);
        HttpResponse<String> changed = put(admin, "/api/v1/services/privacy-named", named.replace("\"private\"", "\"public\""));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(services.byCode("privacy-named").orElseThrow().privateRequests()).isFalse();
        assertThat(EventLog.COMMITTED).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(ServiceDetailsChanged.class,
                details -> assertThat(details).returns("privacy-named", ServiceDetailsChanged::code)
                        .returns(List.of("privacy"), ServiceDetailsChanged::changedFields)));

        int before = count();
        HttpResponse<String> wrong = post(admin, "/api/v1/services", service("privacy-wrong", "highways", "[]")
                .replace("\"questions\":[]", "\"questions\":[],\"privacy\":\"secret\""));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("privacy").contains("public or private").doesNotContain("Exception");
        assertThat(count()).as("nothing written").isEqualTo(before);
    }

    // ---- demo seed, facade and calendar in the running application ----

    @Test
    void theDemoBodyOffersTenServicesWithTheirQuestions() {
        List<Service> live = services.live();
        assertThat(live).extracting(Service::code).contains("pothole", "street-light", "fly-tipping", "missed-bin", "graffiti",
                "noise", "blocked-drain", "tree", "bulky-waste", "parking-permit");
        assertThat(services.liveByCode("bulky-waste").orElseThrow().type()).isEqualTo(ServiceType.BATCH);
        assertThat(services.live("Rubbish and recycling")).extracting(Service::code)
                .contains("missed-bin", "fly-tipping", "bulky-waste").doesNotContain("pothole");

        ServiceVersion pothole = services.currentVersion("pothole").orElseThrow();
        assertThat(pothole.question("size").orElseThrow().datatype()).isEqualTo(Datatype.SINGLEVALUELIST);
        assertThat(pothole.question("depth").orElseThrow().datatype()).isEqualTo(Datatype.NUMBER);
        assertThat(pothole.question("surface").orElseThrow().values()).extracting(QuestionValue::key).contains("road", "pavement");
        assertThat(services.currentVersion("missed-bin").orElseThrow().question("bins").orElseThrow().datatype())
                .isEqualTo(Datatype.MULTIVALUELIST);
        assertThat(services.currentVersion("noise").orElseThrow().question("started").orElseThrow().datatype())
                .isEqualTo(Datatype.DATETIME);
        Question registration = services.currentVersion("parking-permit").orElseThrow().question("vehicle_registration").orElseThrow();
        assertThat(registration.datatype()).isEqualTo(Datatype.STRING);
        assertThat(registration.required()).isTrue();

        assertThat(jdbc.sql("""
                select t.code from catalogue.service s join catalogue.team t on t.id = s.team_id where s.code = 'missed-bin'""")
                .query(String.class).single()).isEqualTo("waste");
        assertThat(services.liveByCode("blocked-drain").orElseThrow().sla()).isEqualTo(Sla.workingHours(24));

        // the demo answers validate against their own questions
        assertThat(pothole.validate(Map.of("size", List.of("large"), "surface", List.of("road"), "depth", List.of("7.5")))).isEmpty();
    }

    @Test
    void theCalendarCountsTheSeededBankHolidays() {
        ZoneId london = ZoneId.of("Europe/London");
        Instant maundyThursday = LocalDateTime.parse("2026-04-02T12:00").atZone(london).toInstant();
        assertThat(calendar.due(maundyThursday, Sla.workingDays(1)))
                .isEqualTo(LocalDateTime.parse("2026-04-07T17:00").atZone(london).toInstant());
        assertThat(jdbc.sql("select count(*) from catalogue.bank_holiday where extract(year from day) in (2026, 2027)")
                .query(Integer.class).single()).isEqualTo(16);
    }

    private WebSession staff(String email) {
        WebSession session = new WebSession(port);
        session.signIn(email, CivitasTest.DEMO_PASSWORD);
        session.get("/account");
        assertThat(session.csrfToken()).isNotNull();
        return session;
    }

    private static HttpResponse<String> post(WebSession session, String path, String json) {
        return session.postRaw(path, "application/json", json, "X-CSRF-TOKEN", session.csrfToken());
    }

    private static HttpResponse<String> put(WebSession session, String path, String json) {
        return session.send(session.request(path).header("Content-Type", "application/json").header("X-CSRF-TOKEN", session.csrfToken())
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private int count() {
        return jdbc.sql("select (select count(*) from catalogue.service) + (select count(*) from catalogue.service_version)")
                .query(Integer.class).single();
    }

    private List<String> events(String code) {
        return EventLog.COMMITTED.stream().filter(event -> event.toString().matches(".*code=" + code + "[,\\]].*"))
                .map(event -> event.getClass().getSimpleName()).toList();
    }

    /** The catalogue's events as they commit with their change. */
    @TestConfiguration
    static class EventLog {

        static final List<Object> COMMITTED = new CopyOnWriteArrayList<>();

        @TransactionalEventListener
        void on(ServiceCreated event) {
            COMMITTED.add(event);
        }

        @TransactionalEventListener
        void on(ServiceDraftChanged event) {
            COMMITTED.add(event);
        }

        @TransactionalEventListener
        void on(ServiceVersionPublished event) {
            COMMITTED.add(event);
        }

        @TransactionalEventListener
        void on(ServiceDetailsChanged event) {
            COMMITTED.add(event);
        }

        @TransactionalEventListener
        void on(ServiceRetired event) {
            COMMITTED.add(event);
        }
    }

    private static String error(String field, String messageStart) {
        return field + " -> " + messageStart;
    }

    /** The problem's errors as "field -> message" lines, whatever order the JSON keys come in. */
    private static String errors(HttpResponse<String> response) {
        StringBuilder lines = new StringBuilder();
        for (tools.jackson.databind.JsonNode error : JSON.readTree(response.body()).path("errors")) {
            lines.append(error.path("field").asString()).append(" -> ").append(error.path("message").asString()).append('\n');
        }
        return lines.toString();
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
}
