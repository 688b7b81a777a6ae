package org.civitas.requests.open311;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.civitas.catalogue.Question;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.catalogue.Services;
import org.civitas.catalogue.Text;
import org.springframework.http.HttpHeaders;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Open311 GeoReport v2: service discovery, the service list and service definitions, in XML and
 * JSON with exactly the element names and nesting of the specification's examples. The service list
 * and definitions answer in the language the client asks for with {@code Accept-Language}: Welsh
 * ({@code cy}) when asked first and written, else English.
 */
@RestController
@RequestMapping("/open311/v2")
class Open311ServicesApi {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    private static final DateTimeFormatter CHANGESET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Services services;
    private final Open311Properties properties;
    private final MessageSource messages;

    Open311ServicesApi(Services services, Open311Properties properties, MessageSource messages) {
        this.services = services;
        this.properties = properties;
        this.messages = messages;
    }

    @GetMapping({"/discovery.json", "/discovery.xml", "/discovery.{format}"})
    ResponseEntity<byte[]> discovery(@PathVariable(required = false) String format, HttpServletRequest request) {
        Open311Format as = format(Open311Format.extension(format, request));
        String changeset = changeset();
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPECIFICATION);
        endpoint.put("url", ServletUriComponentsBuilder.fromContextPath(request).path("/open311/v2").toUriString());
        endpoint.put("changeset", changeset);
        endpoint.put("type", "production");
        endpoint.put("formats", List.of(Open311Format.XML.mediaType().getType() + "/" + Open311Format.XML.mediaType().getSubtype(),
                Open311Format.JSON.mediaType().getType() + "/" + Open311Format.JSON.mediaType().getSubtype()));
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("changeset", changeset);
        discovery.put("contact", properties.contact() == null || properties.contact().isBlank()
                ? message("open311.discovery.contact") : properties.contact());
        discovery.put("key_service", message("open311.discovery.keyService"));
        discovery.put("endpoints", List.of(endpoint));
        return respond(as, new Open311Document("discovery", discovery));
    }

    @GetMapping({"/services.json", "/services.xml", "/services.{format}"})
    ResponseEntity<byte[]> services(@PathVariable(required = false) String format,
                                    @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
                                    HttpServletRequest request) {
        Open311Format as = format(Open311Format.extension(format, request));
        checkJurisdiction(jurisdiction);
        Locale language = language(request);
        List<Map<String, Object>> list = services.live().stream().map(service -> service(service, language)).toList();
        return inLanguage(as, new Open311Document("services", list));
    }

    @GetMapping("/services/{code}.{format}")
    ResponseEntity<byte[]> definition(@PathVariable String code, @PathVariable String format,
                                      @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
                                      HttpServletRequest request) {
        Open311Format as = format(format);
        checkJurisdiction(jurisdiction);
        Service service = services.liveByCode(code)
                .orElseThrow(() -> Open311Error.of(404, message("open311.error.serviceCode.unknown")));
        ServiceVersion version = services.version(service.id(), service.version()).orElseThrow();
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", service.code());
        Locale language = language(request);
        definition.put("attributes", version.questions().stream().map(question -> attribute(question, language)).toList());
        return inLanguage(as, new Open311Document("service_definition", definition));
    }

    /**
     * The language a client asked for in {@code Accept-Language}: Welsh when its best choice of ours
     * is Welsh, English otherwise (no header, a header we cannot read, or any other language).
     */
    static Locale language(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (header == null || header.isBlank()) {
            return Locale.UK;
        }
        try {
            Locale found = Locale.lookup(Locale.LanguageRange.parse(header), OFFERED);
            return found == null ? Locale.UK : found;
        }
        catch (IllegalArgumentException unreadable) {
            return Locale.UK;
        }
    }

    private static final List<Locale> OFFERED = List.of(Locale.forLanguageTag(Text.WELSH), Locale.UK, Locale.ENGLISH);

    private Map<String, Object> service(Service service, Locale language) {
        boolean metadata = services.version(service.id(), service.version()).map(v -> !v.questions().isEmpty()).orElse(false);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("service_code", service.code());
        entry.put("service_name", service.name().in(language));
        entry.put("description", Objects.requireNonNullElse(service.description().in(language), ""));
        entry.put("metadata", metadata);
        entry.put("type", service.type().code());
        entry.put("keywords", String.join(", ", service.keywords()));
        entry.put("group", service.group());
        return entry;
    }

    private static Map<String, Object> attribute(Question question, Locale language) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("variable", question.variable());
        attribute.put("code", question.code());
        attribute.put("datatype", question.datatype().code());
        attribute.put("required", question.required());
        attribute.put("datatype_description", question.datatypeDescription().in(language));
        attribute.put("order", question.order());
        attribute.put("description", question.description().in(language));
        if (question.datatype().list()) {
            attribute.put("values", question.values().stream().map(value -> {
                Map<String, Object> each = new LinkedHashMap<>();
                each.put("key", value.key());
                each.put("name", value.name().in(language));
                return each;
            }).toList());
        }
        return attribute;
    }

    /** The latest time a live service's definition changed: clients use it to refresh their caches. */
    private String changeset() {
        return services.live().stream()
                .map(service -> services.version(service.id(), service.version()).map(ServiceVersion::publishedAt).orElse(null))
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .map(CHANGESET::format)
                .orElse(properties.changeset());
    }

    private void checkJurisdiction(String jurisdiction) {
        // an empty parameter counts as absent; one body is served here, so absent is fine
        if (jurisdiction != null && !jurisdiction.isBlank() && !jurisdiction.trim().equalsIgnoreCase(properties.jurisdictionId())) {
            throw Open311Error.of(404, message("open311.error.jurisdiction.unknown", properties.jurisdictionId()));
        }
    }

    private Open311Format format(String extension) {
        return Open311Format.of(extension).orElseThrow(() -> Open311Error.of(404, message("open311.error.format")));
    }

    private static ResponseEntity<byte[]> respond(Open311Format format, Open311Document document) {
        return ResponseEntity.ok().contentType(format.mediaType()).body(format.write(document));
    }

    /** A document whose words depend on Accept-Language: caches keep one copy per language. */
    private static ResponseEntity<byte[]> inLanguage(Open311Format format, Open311Document document) {
        return ResponseEntity.ok().header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).contentType(format.mediaType())
                .body(format.write(document));
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
