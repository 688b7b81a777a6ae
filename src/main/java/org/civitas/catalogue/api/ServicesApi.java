package org.civitas.catalogue.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.catalogue.Question;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.Teams;
import org.civitas.catalogue.service.ServiceCatalogue;
import org.civitas.catalogue.service.ServiceInput;
import org.civitas.catalogue.service.ServiceNotFound;
import org.civitas.platform.CivitasProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff and partner systems read and manage the service catalogue. */
@RestController
@RequestMapping(path = "/api/v1/services", produces = "application/json")
@Tag(name = "Service catalogue", description = "The services the body offers, their questions (Open311 attributes), SLAs and versions")
class ServicesApi {

    static final String EXAMPLE = """
            {"code":"pothole","name":"Pothole","nameCy":"Twll yn y ffordd",
             "description":"Report a pothole or a sunken area in a road or pavement.",
             "descriptionCy":"Rhoi gwybod am dwll neu bant yn y ffordd neu ar y palmant.",
             "group":"Roads and pavements","keywords":["pothole","road","pavement"],"type":"realtime","team":"highways",
             "sla":{"amount":5,"unit":"working_days"},"retentionDays":365,"anonymousRequests":true,"privacy":"public",
             "questions":[
              {"code":"size","datatype":"singlevaluelist","required":true,"description":"How big is the pothole?",
               "descriptionCy":"Pa mor fawr yw'r twll?",
               "values":[{"key":"small","name":"Smaller than a dinner plate","nameCy":"Llai na phlât cinio"},
                         {"key":"large","name":"Larger than a dinner plate","nameCy":"Mwy na phlât cinio"}]},
              {"code":"depth","datatype":"number","required":false,"description":"About how deep is it, in centimetres?",
               "descriptionCy":"Tua pa mor ddwfn yw e, mewn centimetrau?"}]}""";

    static final String DETAIL_EXAMPLE = """
            {"code":"pothole","name":"Pothole","nameCy":"Twll yn y ffordd",
             "description":"Report a pothole or a sunken area in a road or pavement.",
             "descriptionCy":"Rhoi gwybod am dwll neu bant yn y ffordd neu ar y palmant.",
             "group":"Roads and pavements","keywords":["pothole","road","pavement"],"type":"realtime","status":"live","team":"highways",
             "sla":{"amount":5,"unit":"working_days"},"version":2,"versions":[1,2],"publishedAt":"2026-03-02T09:00:00Z",
             "questions":[
              {"code":"size","datatype":"singlevaluelist","required":true,"variable":true,"description":"How big is the pothole?",
               "descriptionCy":"Pa mor fawr yw'r twll?","datatypeDescription":null,"datatypeDescriptionCy":null,"order":1,
               "values":[{"key":"small","name":"Smaller than a dinner plate","nameCy":"Llai na phlât cinio"},
                         {"key":"large","name":"Larger than a dinner plate","nameCy":"Mwy na phlât cinio"}]},
              {"code":"depth","datatype":"number","required":false,"variable":true,"description":"About how deep is it, in centimetres?",
               "descriptionCy":"Tua pa mor ddwfn yw e, mewn centimetrau?","datatypeDescription":null,"datatypeDescriptionCy":null,
               "order":2,"values":[]}],
             "retentionDays":365,"anonymousRequests":true,"privacy":"public"}""";

    static final String DRAFT_EXAMPLE = """
            {"code":"pothole","name":"Pothole","nameCy":"Twll yn y ffordd",
             "description":"Report a pothole or a sunken area in a road or pavement.",
             "descriptionCy":"Rhoi gwybod am dwll neu bant yn y ffordd neu ar y palmant.",
             "group":"Roads and pavements","keywords":["pothole","road","pavement"],"type":"realtime","status":"draft","team":"highways",
             "sla":{"amount":5,"unit":"working_days"},"version":1,"versions":[1],"publishedAt":null,
             "questions":[
              {"code":"size","datatype":"singlevaluelist","required":true,"variable":true,"description":"How big is the pothole?",
               "descriptionCy":"Pa mor fawr yw'r twll?","datatypeDescription":null,"datatypeDescriptionCy":null,"order":1,
               "values":[{"key":"small","name":"Smaller than a dinner plate","nameCy":"Llai na phlât cinio"},
                         {"key":"large","name":"Larger than a dinner plate","nameCy":"Mwy na phlât cinio"}]}],
             "retentionDays":365,"anonymousRequests":true,"privacy":"public"}""";

    static final String RETIRED_EXAMPLE = """
            {"code":"pothole","name":"Pothole","nameCy":"Twll yn y ffordd",
             "description":"Report a pothole or a sunken area in a road or pavement.",
             "descriptionCy":"Rhoi gwybod am dwll neu bant yn y ffordd neu ar y palmant.",
             "group":"Roads and pavements","keywords":["pothole","road","pavement"],"type":"realtime","status":"retired","team":"highways",
             "sla":{"amount":5,"unit":"working_days"},"version":2,"versions":[1,2],"publishedAt":"2026-03-02T09:00:00Z","questions":[],
             "retentionDays":365,"anonymousRequests":true,"privacy":"public"}""";

    static final String LIST_EXAMPLE = """
            [{"code":"pothole","name":"Pothole","nameCy":"Twll yn y ffordd","group":"Roads and pavements","keywords":["pothole","road","pavement"],"type":"realtime",
              "status":"live","team":"highways","sla":{"amount":5,"unit":"working_days"},"version":2},
             {"code":"bulky-waste","name":"Bulky waste collection","nameCy":"Casglu gwastraff swmpus","group":"Bins and recycling","keywords":["sofa","fridge"],
              "type":"batch","status":"live","team":"waste","sla":{"amount":10,"unit":"working_days"},"version":1}]""";

    static final String VERSION_EXAMPLE = """
            {"code":"pothole","version":1,"name":"Pothole","nameCy":"Twll yn y ffordd","description":"Report a pothole in a road or pavement.",
             "descriptionCy":"Rhoi gwybod am dwll yn y ffordd neu ar y palmant.",
             "publishedAt":"2026-01-05T09:00:00Z",
             "questions":[{"code":"size","datatype":"singlevaluelist","required":true,"variable":true,
               "description":"How big is the pothole?","descriptionCy":"Pa mor fawr yw'r twll?","datatypeDescription":null,
               "datatypeDescriptionCy":null,"order":1,
               "values":[{"key":"small","name":"Smaller than a dinner plate","nameCy":"Llai na phlât cinio"},
                         {"key":"large","name":"Larger than a dinner plate","nameCy":"Mwy na phlât cinio"}]}]}""";

    record Sla(@Schema(example = "5") int amount, @Schema(example = "working_days") String unit) {
        static Sla of(org.civitas.catalogue.Sla sla) {
            return new Sla(sla.amount(), sla.unit().code());
        }
    }

    record Value(@Schema(example = "small") String key, @Schema(example = "Smaller than a dinner plate") String name,
                 @Schema(example = "Llai na phlât cinio", description = "The answer in Welsh; null when not written yet") String nameCy) {
    }

    record QuestionView(@Schema(example = "size") String code, @Schema(example = "singlevaluelist") String datatype,
                        boolean required, boolean variable,
                        @Schema(example = "How big is the pothole?") String description,
                        @Schema(example = "Pa mor fawr yw'r twll?", description = "The question in Welsh; null when not written yet")
                        String descriptionCy,
                        String datatypeDescription,
                        @Schema(description = "The help in Welsh; null when there is none") String datatypeDescriptionCy,
                        @Schema(example = "1") int order, List<Value> values,
                        @Schema(example = "false", description = "Whether the answer is personal data, sealed for the requester")
                        boolean personal) {
        static QuestionView of(Question q) {
            return new QuestionView(q.code(), q.datatype().code(), q.required(), q.variable(), q.description().en(), q.description().cy(),
                    q.datatypeDescription().en(), q.datatypeDescription().cy(), q.order(),
                    q.values().stream().map(v -> new Value(v.key(), v.name().en(), v.name().cy())).toList(), q.personal());
        }
    }

    record ServiceSummary(@Schema(example = "pothole") String code, @Schema(example = "Pothole") String name,
                          @Schema(example = "Twll yn y ffordd", description = "The name in Welsh; null when not written yet") String nameCy,
                          @Schema(example = "Roads and pavements") String group, List<String> keywords,
                          @Schema(example = "realtime") String type, @Schema(example = "live") String status,
                          @Schema(example = "highways") String team, Sla sla, @Schema(example = "1") int version) {
    }

    record ServiceDetail(@Schema(example = "pothole") String code, @Schema(example = "Pothole") String name,
                         @Schema(example = "Twll yn y ffordd", description = "The name in Welsh; null when not written yet") String nameCy,
                         String description,
                         @Schema(description = "The description in Welsh; null when not written yet") String descriptionCy,
                         @Schema(example = "Roads and pavements") String group, List<String> keywords,
                         @Schema(example = "realtime") String type, @Schema(example = "live") String status,
                         @Schema(example = "highways") String team, Sla sla,
                         @Schema(example = "2", description = "The current version") int version,
                         @Schema(example = "[1, 2]") List<Integer> versions,
                         @Schema(description = "When the current version went live; null for a draft") OffsetDateTime publishedAt,
                         List<QuestionView> questions,
                         @Schema(example = "365", description = "Days the requester's personal data is kept after a request is finished")
                         int retentionDays,
                         @Schema(example = "true", description = "Whether a request may come without the requester's contact details")
                         boolean anonymousRequests,
                         @Schema(example = "public", allowableValues = {"public", "private"}, description = "public: a problem in a public "
                                 + "place; private: an application or anything about a person, never in keyless outputs, its address, "
                                 + "location, description and photos sealed for the requester")
                         String privacy) {
    }

    record VersionDetail(@Schema(example = "pothole") String code, @Schema(example = "1") int version, String name,
                         @Schema(description = "The name in Welsh; null when not written") String nameCy, String description,
                         @Schema(description = "The description in Welsh; null when not written") String descriptionCy,
                         OffsetDateTime publishedAt, List<QuestionView> questions) {
    }

    private final ServiceCatalogue catalogue;
    private final Teams teams;
    private final CivitasProperties properties;

    ServicesApi(ServiceCatalogue catalogue, Teams teams, CivitasProperties properties) {
        this.catalogue = catalogue;
        this.teams = teams;
        this.properties = properties;
    }

    @GetMapping
    @Operation(summary = "List services",
            description = "Every service, drafts and retired ones included (staff, or an API key with catalogue.manage). "
                    + "Filter with status (draft, live, retired) and group.")
    @ApiResponse(responseCode = "200", description = "The services", content = @Content(
            array = @ArraySchema(schema = @Schema(implementation = ServiceSummary.class)),
            examples = @ExampleObject(name = "services", value = LIST_EXAMPLE)))
    List<ServiceSummary> list(@RequestParam(required = false) String status, @RequestParam(required = false) String group) {
        Map<UUID, String> teamCodes = teamCodes();
        return catalogue.all().stream()
                .filter(s -> status == null || status.isBlank() || s.status().code().equals(status))
                .filter(s -> group == null || group.isBlank() || group.equals(s.group()))
                .map(s -> new ServiceSummary(s.code(), s.name().en(), s.name().cy(), s.group(), s.keywords(), s.type().code(), s.status().code(),
                        teamCodes.get(s.teamId()), Sla.of(s.sla()), s.version()))
                .toList();
    }

    @GetMapping("/{code}")
    @Operation(summary = "Get a service", description = "The service with its current version and questions.")
    @ApiResponse(responseCode = "200", description = "The service", content = @Content(schema = @Schema(implementation = ServiceDetail.class),
            examples = @ExampleObject(name = "pothole", value = DETAIL_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No service has this code")
    ServiceDetail one(@PathVariable String code) {
        return detail(catalogue.byCode(code).orElseThrow(ServiceNotFound::new));
    }

    @GetMapping("/{code}/versions/{version}")
    @Operation(summary = "Get one version of a service",
            description = "What the service asked at that version; requests keep the version they were made under.")
    @ApiResponse(responseCode = "200", description = "That version", content = @Content(schema = @Schema(implementation = VersionDetail.class),
            examples = @ExampleObject(name = "pothole version 1", value = VERSION_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No such service or version")
    VersionDetail version(@PathVariable String code, @PathVariable int version) {
        ServiceVersion found = catalogue.version(code, version).orElseThrow(ServiceNotFound::new);
        return new VersionDetail(found.serviceCode(), found.version(), found.name().en(), found.name().cy(),
                found.description().enOrEmpty(), found.description().cy(), local(found.publishedAt()),
                found.questions().stream().map(QuestionView::of).toList());
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a service",
            description = "Creates a draft (version 1), not yet offered. Service managers create services for their own teams only. "
                    + "Every word a resident reads comes in English (name, description, ...) and Welsh (nameCy, descriptionCy, ...); "
                    + "a draft may leave the Welsh out.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = ServiceInput.class), examples = @ExampleObject(name = "pothole", value = EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "The draft", content = @Content(schema = @Schema(implementation = ServiceDetail.class),
            examples = @ExampleObject(name = "draft", value = DRAFT_EXAMPLE)))
    @ApiResponse(responseCode = "422", description = "A rule is broken: each field named; nothing is written")
    ServiceDetail create(@RequestBody ServiceInput input, Authentication caller) {
        return detail(catalogue.create(input, ServiceManagement.teamsManagedBy(caller)));
    }

    @PutMapping(path = "/{code}", consumes = "application/json")
    @Operation(summary = "Replace a service",
            description = "A draft changes in place. For a live service, a change to its name, description or questions "
                    + "makes a new version that goes live at once; earlier versions stay as they were. Group, keywords, type, "
                    + "team and SLA change without a new version. A retired service cannot change. A new version of a live "
                    + "service is published, so it needs every Welsh word when the body offers Welsh (as publishing does).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = ServiceInput.class), examples = @ExampleObject(name = "pothole", value = EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The service as it now is", content = @Content(
            schema = @Schema(implementation = ServiceDetail.class), examples = @ExampleObject(name = "pothole", value = DETAIL_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No service has this code")
    @ApiResponse(responseCode = "422", description = "A rule is broken: each field named; nothing is written")
    ServiceDetail replace(@PathVariable String code, @RequestBody ServiceInput input, Authentication caller) {
        return detail(catalogue.replace(code, input, ServiceManagement.teamsManagedBy(caller)));
    }

    @PostMapping("/{code}/publish")
    @Operation(summary = "Publish a draft service", description = "The draft goes live as version 1 and is offered to the public. "
            + "When the body offers Welsh (CIVITAS_LANGUAGES has en and cy) every word needs its Welsh twin: a missing one is a 422 "
            + "naming it (nameCy, descriptionCy, questions[0].descriptionCy, questions[0].datatypeDescriptionCy, "
            + "questions[0].values[1].nameCy).")
    @ApiResponse(responseCode = "200", description = "The live service", content = @Content(schema = @Schema(implementation = ServiceDetail.class),
            examples = @ExampleObject(name = "live", value = DETAIL_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No service has this code")
    @ApiResponse(responseCode = "422", description = "The service is not a draft (field status), or a Welsh word is missing (its field)")
    ServiceDetail publish(@PathVariable String code, Authentication caller) {
        return detail(catalogue.publish(code, ServiceManagement.teamsManagedBy(caller)));
    }

    @PostMapping("/{code}/retire")
    @Operation(summary = "Retire a service", description = "The service is no longer offered; its versions stay readable.")
    @ApiResponse(responseCode = "200", description = "The retired service", content = @Content(
            schema = @Schema(implementation = ServiceDetail.class), examples = @ExampleObject(name = "retired", value = RETIRED_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No service has this code")
    @ApiResponse(responseCode = "422", description = "The service is already retired (field status)")
    ServiceDetail retire(@PathVariable String code, Authentication caller) {
        return detail(catalogue.retire(code, ServiceManagement.teamsManagedBy(caller)));
    }

    private ServiceDetail detail(Service service) {
        ServiceVersion version = catalogue.version(service.id(), service.version()).orElseThrow(ServiceNotFound::new);
        return new ServiceDetail(service.code(), service.name().en(), service.name().cy(), service.description().enOrEmpty(),
                service.description().cy(), service.group(), service.keywords(),
                service.type().code(), service.status().code(), teamCodes().get(service.teamId()), Sla.of(service.sla()),
                service.version(), catalogue.versionNumbers(service.id()), local(version.publishedAt()),
                version.questions().stream().map(QuestionView::of).toList(), service.retentionDays(),
                service.anonymousRequests(), service.privacy().code());
    }

    private Map<UUID, String> teamCodes() {
        return teams.all().stream().collect(Collectors.toMap(Team::id, Team::code));
    }

    private OffsetDateTime local(Instant instant) {
        return instant == null ? null : instant.atZone(properties.timeZone()).toOffsetDateTime();
    }

}
