package org.civitas.requests.web;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.civitas.platform.time.ShownTimes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.civitas.platform.PageController;
import org.civitas.catalogue.Datatype;
import org.civitas.catalogue.Question;
import org.civitas.catalogue.QuestionValue;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.catalogue.Services;
import org.civitas.identity.AccountContacts;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.SignedInUser;
import org.civitas.platform.Violation;
import org.civitas.platform.input.Dates;
import org.civitas.platform.web.FieldProblem;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.ServiceRequestRegister;
import org.civitas.requests.submission.RequestDraft;
import org.civitas.requests.submission.RequestSubmission;
import org.civitas.requests.citizen.ReportSubmission;
import org.civitas.requests.photos.Photos;
import org.civitas.trust.PersonalData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reporting a problem or applying for a service, one thing per page: where, each question of the
 * service, a description, a photo, contact details, check your answers, confirmation. No account
 * is needed; a signed-in resident's name and e-mail are filled in and the request is linked to
 * their account. Each page posts back to itself; with {@code ?return=check} it goes back to check
 * your answers afterwards (the change links).
 */
@PageController
@RequestMapping("/report/{service}")
class ReportPages {

    static final String PHOTOS_OF_SESSION = "civitas.photos";
    static final String CONFIRMATION = "civitas.report.confirmation";
    /** The domain's field names ({@link RequestSubmission}) as this journey's pages name them. */
    private static final Map<String, String> FIELDS = Map.of("location", "address", "location.address", "address",
            "location.lat", "address", "location.lon", "address", "description", "description",
            "contact.firstName", "name", "contact.lastName", "name", "contact.name", "name",
            "contact.email", "email", "contact.phone", "phone");

    private final Services services;
    private final ReportSubmission submission;
    private final RequestSubmission rules;
    private final Photos photos;
    private final PersonalData vault;
    private final AccountContacts accounts;
    private final JourneyRecords records;
    private final JsonMapper json;
    private final MessageSource messages;
    private final ZoneId zone;
    private final String tileUrl;

    ReportPages(Services services, ReportSubmission submission, RequestSubmission rules, Photos photos, PersonalData vault, AccountContacts accounts,
                JourneyRecords records, JsonMapper json, MessageSource messages, CivitasProperties properties,
                @Value("${civitas.map.tile-url}") String tileUrl) {
        this.services = services;
        this.submission = submission;
        this.rules = rules;
        this.photos = photos;
        this.vault = vault;
        this.accounts = accounts;
        this.records = records;
        this.json = json;
        this.messages = messages;
        this.zone = properties.timeZone() == null ? ZoneId.of("Europe/London") : properties.timeZone();
        this.tileUrl = tileUrl;
    }

    // ---- start ----

    @GetMapping
    String start(@PathVariable("service") String code, Model model) {
        Service service = service(code);
        model.addAttribute("service", service);
        return "requests/serviceStart";
    }

    // ---- location ----

    @GetMapping("/location")
    String location(@PathVariable("service") String code, @RequestParam(name = "return", required = false) String back,
                    HttpSession session, Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, true);
        return locationPage(service, journey, journey.address, decimal(journey.lat), decimal(journey.lon), List.of(), back, model);
    }

    @PostMapping("/location")
    String saveLocation(@PathVariable("service") String code, @RequestParam(name = "return", required = false) String back,
                        @RequestParam(required = false) String address, @RequestParam(required = false) String lat,
                        @RequestParam(required = false) String lon, HttpSession session, HttpServletResponse response, Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, true);
        String text = address == null ? "" : address.trim();
        RequestSubmission.Checked<RequestSubmission.Location> where = rules.location(address, null, lat, lon);
        if (!where.valid()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return locationPage(service, journey, text, lat, lon, problems(where.violations()), back, model);
        }
        journey.address = where.value().address();
        journey.lat = where.value().lat();
        journey.lon = where.value().lon();
        journey.locationDone = true;
        save(session, journey);
        return next(service, journey, back, "location");
    }

    private String locationPage(Service service, Journey journey, String address, String lat, String lon,
                                List<FieldProblem> problems, String back, Model model) {
        common(service, problems, back, "/report/" + service.code(), model);
        model.addAttribute("address", address == null ? "" : address);
        model.addAttribute("lat", lat == null ? "" : lat);
        model.addAttribute("lon", lon == null ? "" : lon);
        model.addAttribute("tileUrl", tileUrl);
        return "requests/location";
    }

    // ---- questions ----

    @GetMapping("/question/{question}")
    String question(@PathVariable("service") String code, @PathVariable("question") String questionCode,
                    @RequestParam(name = "return", required = false) String back, HttpSession session, Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        Question question = question(journey, questionCode);
        List<String> values = journey.answers.getOrDefault(question.code(), new ArrayList<>());
        String[] date = dateParts(question, values);
        return questionPage(service, journey, question, values, date[0], date[1], date[2], List.of(), back, model);
    }

    @PostMapping("/question/{question}")
    String answer(@PathVariable("service") String code, @PathVariable("question") String questionCode,
                  @RequestParam(name = "return", required = false) String back,
                  @RequestParam(name = "answer", required = false) List<String> given,
                  @RequestParam(name = "answer-day", required = false) String day,
                  @RequestParam(name = "answer-month", required = false) String month,
                  @RequestParam(name = "answer-year", required = false) String year,
                  HttpSession session, HttpServletResponse response, Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        Question question = question(journey, questionCode);
        List<String> values = given == null ? List.of() : given.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
        String field = question.datatype() == Datatype.DATETIME ? "answer-day" : "answer";
        List<Violation> violations = new ArrayList<>();
        if (question.datatype() == Datatype.DATETIME) {
            boolean any = !blank(day) || !blank(month) || !blank(year);
            values = List.of();
            if (any) {
                Optional<LocalDate> date = date(day, month, year);
                if (date.isEmpty()) {
                    violations.add(new Violation(field, "report.date.real"));
                }
                else {
                    values = List.of(date.get().atStartOfDay(zone).toOffsetDateTime().toString());
                }
            }
        }
        if (violations.isEmpty()) {
            Map<String, List<String>> answers = new LinkedHashMap<>();
            if (!values.isEmpty()) {
                answers.put(question.code(), values);
            }
            // the rules of a request's answers, for this one question
            rules.answers(List.of(question), answers).forEach(v -> violations.add(new Violation(field, v.messageKey())));
        }
        if (!violations.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return questionPage(service, journey, question, values, day, month, year, problems(violations), back, model);
        }
        if (values.isEmpty()) {
            journey.answers.remove(question.code());
        }
        else {
            journey.answers.put(question.code(), new ArrayList<>(values));
        }
        journey.answered.add(question.code());
        save(session, journey);
        return next(service, journey, back, "question/" + question.code());
    }

    private String questionPage(Service service, Journey journey, Question question, List<String> values, String day,
                                String month, String year, List<FieldProblem> problems, String back, Model model) {
        common(service, problems, back, previous(journey, "question/" + question.code()), model);
        model.addAttribute("question", question);
        model.addAttribute("notes", notesBefore(journey, question));
        model.addAttribute("values", values);
        model.addAttribute("day", day == null ? "" : day);
        model.addAttribute("month", month == null ? "" : month);
        model.addAttribute("year", year == null ? "" : year);
        return "requests/question";
    }

    // ---- description ----

    @GetMapping("/description")
    String description(@PathVariable("service") String code, @RequestParam(name = "return", required = false) String back,
                       HttpSession session, Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        return descriptionPage(service, journey, journey.description, List.of(), back, model);
    }

    @PostMapping("/description")
    String saveDescription(@PathVariable("service") String code, @RequestParam(name = "return", required = false) String back,
                           @RequestParam(required = false) String description, HttpSession session,
                           HttpServletResponse response, Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        String text = description == null ? "" : description.trim();
        RequestSubmission.Checked<String> checked = rules.description(description);
        if (!checked.valid()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return descriptionPage(service, journey, text, problems(checked.violations()), back, model);
        }
        journey.description = checked.value();
        journey.descriptionDone = true;
        save(session, journey);
        return next(service, journey, back, "description");
    }

    private String descriptionPage(Service service, Journey journey, String description, List<FieldProblem> problems,
                                   String back, Model model) {
        common(service, problems, back, previous(journey, "description"), model);
        model.addAttribute("description", description == null ? "" : description);
        model.addAttribute("maxLength", RequestSubmission.MAX_DESCRIPTION);
        return "requests/description";
    }

    // ---- photo ----

    @GetMapping("/photo")
    String photo(@PathVariable("service") String code, @RequestParam(name = "return", required = false) String back,
                 HttpSession session, Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        return photoPage(service, journey, List.of(), back, model);
    }

    @PostMapping("/photo")
    String savePhoto(@PathVariable("service") String code, @RequestParam(name = "return", required = false) String back,
                     @RequestParam(name = "photo", required = false) MultipartFile photo,
                     @RequestParam(name = "remove", required = false) String remove,
                     HttpSession session, HttpServletResponse response, Model model) throws IOException {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        if (remove != null) {
            photos.removeFromJourney(journey.id);
            journey.photoId = null;
            save(session, journey);
            return "redirect:/report/" + code + "/photo" + returnQuery(back);
        }
        if (photo != null && !photo.isEmpty()) {
            try {
                records.storing(journey.id);
                Photos.Photo stored = photos.store(journey.id, photo.getBytes(), "photo");
                journey.photoId = stored.id();
                rememberPhoto(session, stored.id());
            }
            catch (InvalidInput invalid) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return photoPage(service, journey, problems(invalid.violations()), back, model);
            }
        }
        journey.photoDone = true;
        save(session, journey);
        return next(service, journey, back, "photo");
    }

    private String photoPage(Service service, Journey journey, List<FieldProblem> problems, String back, Model model) {
        common(service, problems, back, previous(journey, "photo"), model);
        model.addAttribute("photoUrl", photos.ofJourney(journey.id).map(Photos.Photo::url).orElse(null));
        return "requests/photo";
    }

    @SuppressWarnings("unchecked")
    static void rememberPhoto(HttpSession session, UUID photoId) {
        Object held = session.getAttribute(PHOTOS_OF_SESSION);
        java.util.HashSet<UUID> ids = held instanceof java.util.HashSet<?> set ? new java.util.HashSet<>((java.util.HashSet<UUID>) set)
                : new java.util.HashSet<>();
        ids.add(photoId);
        session.setAttribute(PHOTOS_OF_SESSION, ids);
    }

    // ---- contact ----

    @GetMapping("/contact")
    String contact(@PathVariable("service") String code, @RequestParam(name = "return", required = false) String back,
                   HttpSession session, Authentication authentication, Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        Map<String, String> given = contactOf(journey);
        if (!journey.contactDone && account(authentication) != null) {
            accounts.contact(account(authentication)).ifPresent(mine -> {
                given.put("name", mine.name() == null ? "" : mine.name());
                given.put("email", mine.email() == null ? "" : mine.email());
            });
        }
        return contactPage(service, journey, given, List.of(), back, model);
    }

    @PostMapping("/contact")
    String saveContact(@PathVariable("service") String code, @RequestParam(name = "return", required = false) String back,
                       @RequestParam(required = false) String name, @RequestParam(required = false) String email,
                       @RequestParam(required = false) String phone, HttpSession session, HttpServletResponse response,
                       Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        Map<String, String> given = new LinkedHashMap<>();
        given.put("name", name == null ? "" : name.trim());
        given.put("email", email == null ? "" : email.trim());
        given.put("phone", phone == null ? "" : phone.trim());
        Contact contact = contact(given);
        RequestSubmission.Checked<Contact> checked = rules.contact(service, contact);
        if (!checked.valid()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return contactPage(service, journey, given, problems(checked.violations()), back, model);
        }
        if (checked.value() == null) {
            journey.contact = null; // nothing given: nothing to seal, and what was given before is destroyed
            if (journey.contactSubject != null) {
                vault.erase(journey.contactSubject);
                journey.contactSubject = null;
            }
        }
        else {
            if (journey.contactSubject == null) {
                journey.contactSubject = records.newContactSubject(journey.id);
            }
            // sealed once, in the form the request keeps: the request takes it over as it is
            journey.contact = rules.sealContact(journey.contactSubject, service, checked.value()).value();
        }
        journey.contactSealed = null;
        journey.contactDone = true;
        save(session, journey);
        return next(service, journey, back, "contact");
    }

    private String contactPage(Service service, Journey journey, Map<String, String> given, List<FieldProblem> problems,
                               String back, Model model) {
        common(service, problems, back, previous(journey, "contact"), model);
        model.addAttribute("name", given.getOrDefault("name", ""));
        model.addAttribute("email", given.getOrDefault("email", ""));
        model.addAttribute("phone", given.getOrDefault("phone", ""));
        model.addAttribute("anonymous", services.allowsAnonymousRequests(service.code()));
        return "requests/contact";
    }

    /** The journey's contact details as the form shows them, opened to show them to the person who gave them. */
    private Map<String, String> contactOf(Journey journey) {
        Map<String, String> contact = new LinkedHashMap<>();
        if (journey.contact != null) {
            vault.open(journey.contact.subject(), ServiceRequestRegister.CONTACT_FIELD, journey.contact.sealed())
                    .map(text -> json.readValue(text, Contact.class))
                    .ifPresent(given -> {
                        contact.put("name", given.fullName());
                        contact.put("email", given.email() == null ? "" : given.email());
                        contact.put("phone", given.phone() == null ? "" : given.phone());
                    });
        }
        return contact;
    }

    // ---- check your answers and submit ----

    @GetMapping("/check")
    String check(@PathVariable("service") String code, HttpSession session, Model model) {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        forgetWhatWasCleared(session, journey);
        String missing = firstUndone(journey);
        if (missing != null) {
            return "redirect:/report/" + code + "/" + missing;
        }
        return checkPage(service, journey, model);
    }

    private String checkPage(Service service, Journey journey, Model model) {
        ServiceVersion version = version(journey);
        String base = "/report/" + service.code() + "/";
        List<CheckRow> rows = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (journey.address != null) {
            where.add(journey.address);
        }
        if (journey.lat != null) {
            where.add(t("report.check.pin", journey.lat.toPlainString(), journey.lon.toPlainString()));
        }
        rows.add(new CheckRow(t("report.check.location"), where, base + "location?return=check", t("report.check.location.hidden")));
        for (Question question : variableQuestions(version)) {
            List<String> values = journey.answers.getOrDefault(question.code(), new ArrayList<>());
            String asked = question.description().in(LocaleContextHolder.getLocale());
            rows.add(new CheckRow(asked, shown(question, values), base + "question/" + question.code() + "?return=check", asked));
        }
        rows.add(new CheckRow(t("report.check.description"), journey.description == null ? List.of(t("report.check.none"))
                : List.of(journey.description), base + "description?return=check", t("report.check.description.hidden")));
        rows.add(new CheckRow(t("report.check.photo"), List.of(photos.ofJourney(journey.id).isPresent() ? t("report.check.photo.added")
                : t("report.check.none")), base + "photo?return=check", t("report.check.photo.hidden")));
        Map<String, String> contact = contactOf(journey);
        List<String> contactLines = new ArrayList<>();
        for (String key : List.of("name", "email", "phone")) {
            if (!contact.getOrDefault(key, "").isEmpty()) {
                contactLines.add(contact.get(key));
            }
        }
        rows.add(new CheckRow(t("report.check.contact"), contactLines.isEmpty() ? List.of(t("report.check.contact.none")) : contactLines,
                base + "contact?return=check", t("report.check.contact.hidden")));
        common(service, List.of(), null, base + "contact", model);
        model.addAttribute("rows", rows);
        return "requests/check";
    }

    @PostMapping("/check")
    String submit(@PathVariable("service") String code, HttpSession session, Authentication authentication) {
        Service service = service(code);
        Journey journey = journey(session, service, false);
        if (journey == null) {
            return "redirect:/report/" + code;
        }
        forgetWhatWasCleared(session, journey);
        String missing = firstUndone(journey);
        if (missing != null) {
            return "redirect:/report/" + code + "/" + missing;
        }
        RequestDraft draft = new RequestDraft(service, version(journey), Channel.WEB, journey.description, journey.address, null,
                decimal(journey.lat), decimal(journey.lon), null, journey.answersAsMap(), null, journey.contact, account(authentication),
                org.civitas.platform.Languages.current()); // the language of the page the resident submitted on
        ReportSubmission.Submitted submitted;
        try {
            // one transaction: the request (taking the sealed contact details over as they are), its photo,
            // the satisfaction secret and the end of the journey's record
            submitted = submission.submit(journey.id, draft);
        }
        catch (InvalidInput invalid) {
            return "redirect:/report/" + code + "/" + step(invalid.violations().get(0)) + "?return=check";
        }
        session.removeAttribute(Journey.attribute(code));
        session.setAttribute(CONFIRMATION, new Confirmation(code, submitted.request().reference(), submitted.satisfactionKey()));
        return "redirect:/report/" + code + "/confirmation";
    }

    /** What the confirmation page shows, kept in the session so that a reload shows it again. */
    record Confirmation(String serviceCode, String reference, String satisfactionKey) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    @GetMapping("/confirmation")
    String confirmation(@PathVariable("service") String code, HttpSession session, Model model) {
        Service service = service(code);
        if (!(session.getAttribute(CONFIRMATION) instanceof Confirmation done) || !done.serviceCode().equals(code)) {
            return "redirect:/report/" + code;
        }
        model.addAttribute("service", service);
        model.addAttribute("reference", done.reference());
        model.addAttribute("satisfactionLink", "/track/" + done.reference() + "/satisfaction?key=" + done.satisfactionKey());
        return "requests/confirmation";
    }

    /**
     * A session kept alive elsewhere on the site may outlive the clean-up of its idle journey
     * ({@link AbandonedJourneys}): the person is asked again for what was removed, rather than the
     * request going in without it.
     */
    private void forgetWhatWasCleared(HttpSession session, Journey journey) {
        boolean changed = false;
        if (journey.contactSubject != null && (!vault.readable(journey.contactSubject)
                || (journey.contact == null && journey.contactSealed != null))) { // or sealed in an older form: asked again
            journey.contactSubject = null;
            journey.contactSealed = null;
            journey.contactDone = false;
            changed = true;
        }
        if (journey.photoId != null && photos.ofJourney(journey.id).isEmpty()) {
            journey.photoId = null;
            journey.photoDone = false;
            changed = true;
        }
        if (changed) {
            save(session, journey);
        }
    }

    // ---- the journey's steps ----

    private List<String> steps(Journey journey) {
        List<String> steps = new ArrayList<>();
        steps.add("location");
        variableQuestions(version(journey)).forEach(question -> steps.add("question/" + question.code()));
        steps.add("description");
        steps.add("photo");
        steps.add("contact");
        return steps;
    }

    private String firstUndone(Journey journey) {
        if (!journey.locationDone) {
            return "location";
        }
        for (Question question : variableQuestions(version(journey))) {
            if (!journey.answered.contains(question.code())) {
                return "question/" + question.code();
            }
        }
        if (!journey.descriptionDone) {
            return "description";
        }
        if (!journey.photoDone) {
            return "photo";
        }
        return journey.contactDone ? null : "contact";
    }

    private String next(Service service, Journey journey, String back, String current) {
        if ("check".equals(back)) {
            String missing = firstUndone(journey);
            return "redirect:/report/" + service.code() + "/" + (missing == null ? "check" : missing + "?return=check");
        }
        List<String> steps = steps(journey);
        int at = steps.indexOf(current);
        return "redirect:/report/" + service.code() + "/" + (at + 1 < steps.size() ? steps.get(at + 1) : "check");
    }

    private String previous(Journey journey, String current) {
        List<String> steps = steps(journey);
        int at = steps.indexOf(current);
        return "/report/" + journey.serviceCode + (at > 0 ? "/" + steps.get(at - 1) : "");
    }

    private void common(Service service, List<FieldProblem> problems, String back, String backLink, Model model) {
        boolean checking = "check".equals(back);
        model.addAttribute("service", service);
        model.addAttribute("problems", problems);
        model.addAttribute("returnQuery", returnQuery(back));
        model.addAttribute("backLink", checking ? "/report/" + service.code() + "/check" : backLink);
    }

    private static String returnQuery(String back) {
        return "check".equals(back) ? "?return=check" : "";
    }

    private Service service(String code) {
        return services.liveByCode(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private ServiceVersion version(Journey journey) {
        return services.version(journey.serviceCode, journey.version).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The session's journey for the service; a new one when asked and there is none or the service changed since. */
    private Journey journey(HttpSession session, Service service, boolean create) {
        Object held = session.getAttribute(Journey.attribute(service.code()));
        if (held instanceof Journey journey && journey.version == service.version()) {
            return journey;
        }
        if (!create) {
            return null;
        }
        Journey journey = new Journey(service.code(), service.version());
        save(session, journey);
        return journey;
    }

    /**
     * Sets the attribute again (the JDBC session store writes an attribute only when it is set) and
     * marks the journey active, so the clean-up of abandoned journeys leaves it alone.
     */
    private void save(HttpSession session, Journey journey) {
        session.setAttribute(Journey.attribute(journey.serviceCode), journey);
        if (journey.photoId != null || journey.contactSubject != null) { // only these have a row to keep fresh
            records.touch(journey.id);
        }
    }

    private Question question(Journey journey, String code) {
        return version(journey).question(code).filter(Question::variable)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static List<Question> variableQuestions(ServiceVersion version) {
        return version.questions().stream().filter(Question::variable).sorted(Comparator.comparingInt(Question::order)).toList();
    }

    /** Information-only questions just before this one, shown above it. */
    private List<Question> notesBefore(Journey journey, Question question) {
        List<Question> all = version(journey).questions().stream().sorted(Comparator.comparingInt(Question::order)).toList();
        List<Question> notes = new ArrayList<>();
        for (Question each : all) {
            if (each.code().equals(question.code())) {
                return notes;
            }
            if (each.variable()) {
                notes.clear();
            }
            else {
                notes.add(each);
            }
        }
        return notes;
    }

    private List<String> shown(Question question, List<String> values) {
        if (values.isEmpty()) {
            return List.of(t("report.check.none"));
        }
        if (question.datatype().list()) {
            return values.stream().map(key -> question.values().stream().filter(v -> v.key().equals(key))
                    .map(v -> v.name().in(LocaleContextHolder.getLocale())).findFirst().orElse(key)).toList();
        }
        if (question.datatype() == Datatype.DATETIME) {
            return values.stream().map(value -> ShownTimes.date(OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDate(),
                    LocaleContextHolder.getLocale())).toList();
        }
        return values;
    }

    private String[] dateParts(Question question, List<String> values) {
        if (question.datatype() != Datatype.DATETIME || values.isEmpty()) {
            return new String[] {"", "", ""};
        }
        LocalDate date = OffsetDateTime.parse(values.get(0)).atZoneSameInstant(zone).toLocalDate();
        return new String[] {String.valueOf(date.getDayOfMonth()), String.valueOf(date.getMonthValue()), String.valueOf(date.getYear())};
    }

    private static Optional<LocalDate> date(String day, String month, String year) {
        return Dates.of(day, month, year).toOptional();
    }

    private static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Contact contact(Map<String, String> given) {
        return Contact.ofFullName(given.get("name"), given.get("email"), given.get("phone"));
    }

    static UUID account(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user ? user.accountId() : null;
    }

    /** The domain's violations as this journey's fields; the pages' own rules already use their names. */
    private List<FieldProblem> problems(List<Violation> violations) {
        return violations.stream().map(v -> new FieldProblem(FIELDS.getOrDefault(v.field(), v.field()),
                t(v.field().equals("location") ? "report.location.required" : v.messageKey()))).toList();
    }

    /** The page of the journey where a rule broken at the end is put right. */
    private static String step(Violation violation) {
        String question = RequestSubmission.answerCode(violation.field());
        if (question != null) {
            return "question/" + question;
        }
        if (violation.field().startsWith("location")) {
            return "location";
        }
        return violation.field().startsWith("contact") ? "contact" : "description";
    }

    private String t(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
