package org.civitas.requests.staff;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.civitas.catalogue.Question;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.catalogue.Services;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.civitas.identity.StaffNames;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.PageController;
import org.civitas.platform.Violation;
import org.civitas.platform.input.Paging;
import org.civitas.platform.input.Parsed;
import org.civitas.platform.web.FieldProblem;
import org.civitas.requests.cases.Actor;
import org.civitas.requests.photos.Photos;
import org.civitas.requests.cases.CaseDetail;
import org.civitas.requests.cases.CaseEvent;
import org.civitas.requests.cases.CasePage;
import org.civitas.requests.cases.CaseQuery;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Cases;
import org.civitas.requests.cases.RequestStatus;
import org.civitas.requests.cases.ServiceRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The staff console: the case queue and the case page, with the forms that assign a case, move it
 * through its lifecycle and mark it a duplicate. Every change goes through {@link Cases}, as the
 * case API's do, with the same scope: a case of another team is answered with 404.
 */
@PageController
public class StaffConsolePages {

    static final int PAGE_SIZE = 20;
    static final List<String> AGES = List.of("2", "7", "30");
    static final List<String> SLA_STATES = List.of("breached", "due");

    private final Cases cases;
    private final Services services;
    private final StaffNames names;
    private final MessageSource messages;
    private final CivitasProperties properties;
    private final Clock clock;
    private final Photos photos;

    StaffConsolePages(Cases cases, Services services, StaffNames names, MessageSource messages, CivitasProperties properties, Clock clock,
                      Photos photos) {
        this.photos = photos;
        this.cases = cases;
        this.services = services;
        this.names = names;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    /** The filters of the queue as the person chose them (raw, so the form shows them back). */
    public record Filters(String status, String service, String sla, String assigned, String age, String sort) {

        /** The query string for these filters on another page of results. */
        public String href(int page) {
            StringBuilder query = new StringBuilder("/staff?");
            add(query, "status", status);
            add(query, "service", service);
            add(query, "sla", sla);
            add(query, "assigned", assigned);
            add(query, "age", age);
            add(query, "sort", sort);
            query.append("page=").append(page);
            return query.toString();
        }

        private static void add(StringBuilder query, String name, String value) {
            if (value != null && !value.isBlank()) {
                query.append(name).append('=').append(UriUtils.encodeQueryParam(value, java.nio.charset.StandardCharsets.UTF_8)).append('&');
            }
        }
    }

    public record Option(String value, String label) {
    }

    public record QueueRow(String reference, String service, String status, String statusLabel, String address, String requested,
                           String expected, boolean overdue, String assignee) {
    }

    public record Queue(List<QueueRow> rows, long total, int page, int lastPage, List<Option> counts, long overdue) {
    }

    @GetMapping("/staff")
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) String service,
                 @RequestParam(required = false) String sla, @RequestParam(required = false) String assigned,
                 @RequestParam(required = false) String age, @RequestParam(required = false) String sort,
                 @RequestParam(required = false) String page, @AuthenticationPrincipal CivitasPrincipal person,
                 HttpServletResponse response, Model model) {
        CaseScope scope = scope(person);
        Filters filters = new Filters(blank(status), blank(service), blank(sla), blank(assigned), blank(age), blank(sort));
        List<Violation> violations = new ArrayList<>();
        RequestStatus statusFilter = null;
        if (filters.status() != null) {
            statusFilter = RequestStatus.fromCode(filters.status()).orElse(null);
            if (statusFilter == null) {
                violations.add(new Violation("status", "requests.staff.filter.status.unknown"));
            }
        }
        List<Service> visible = visibleServices(scope);
        if (filters.service() != null && visible.stream().noneMatch(s -> s.code().equals(filters.service()))) {
            violations.add(new Violation("service", "requests.staff.filter.service.unknown"));
        }
        if (filters.sla() != null && !SLA_STATES.contains(filters.sla())) {
            violations.add(new Violation("sla", "requests.staff.filter.sla.unknown"));
        }
        if (filters.assigned() != null && !filters.assigned().equals("me")) {
            violations.add(new Violation("assigned", "requests.staff.filter.assigned.unknown"));
        }
        if (filters.age() != null && !AGES.contains(filters.age())) {
            violations.add(new Violation("age", "requests.staff.filter.age.unknown"));
        }
        if (filters.sort() != null && !filters.sort().equals("expected")) {
            violations.add(new Violation("sort", "requests.staff.filter.sort.unknown"));
        }
        Parsed<Integer> asked = Paging.page(page);
        if (!asked.ok()) {
            violations.add(new Violation("page", "requests.staff.filter.page"));
        }
        int pageNumber = asked.orElse(1);
        Queue queue = null;
        if (violations.isEmpty()) {
            CasePage found = cases.queue(scope, new CaseQuery(statusFilter, filters.service(), filters.sla(),
                    filters.assigned() == null ? null : person.accountId(),
                    filters.age() == null ? null : Integer.valueOf(filters.age()), pageNumber, PAGE_SIZE, filters.sort() != null));
            Instant now = clock.instant();
            Map<UUID, String> assignees = names.names(found.cases().stream().map(CasePage.CaseSummary::assignedTo).toList());
            Map<String, String> serviceNames = new LinkedHashMap<>();
            visible.forEach(s -> serviceNames.put(s.code(), s.name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale())));
            List<QueueRow> rows = found.cases().stream().map(c -> {
                ServiceRequest r = c.request();
                return new QueueRow(r.reference(), serviceNames.getOrDefault(r.serviceCode(), r.serviceCode()), r.status().code(),
                        t("requests.staff.status." + r.status().code()), r.addressString() == null ? "" : r.addressString(),
                        format(r.requestedAt()), r.expectedAt() == null ? "" : format(r.expectedAt()), r.slaBreached(now),
                        c.assignedTo() == null ? "" : assignees.getOrDefault(c.assignedTo(), ""));
            }).toList();
            List<Option> counts = found.byStatus().entrySet().stream()
                    .map(e -> new Option(String.valueOf(e.getValue()), t("requests.staff.status." + e.getKey()))).toList();
            int lastPage = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
            queue = new Queue(rows, found.total(), pageNumber, lastPage, counts, found.breached());
        }
        else {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("problems", problems(violations));
        model.addAttribute("filters", filters);
        model.addAttribute("queue", queue);
        model.addAttribute("statuses", Arrays.stream(RequestStatus.values())
                .map(s -> new Option(s.code(), t("requests.staff.status." + s.code()))).toList());
        model.addAttribute("services", visible.stream()
                .map(s -> new Option(s.code(), s.name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()))).toList());
        model.addAttribute("ages", AGES);
        model.addAttribute("manager", person.hasRole(Role.SERVICE_MANAGER) || person.hasRole(Role.ADMINISTRATOR));
        return "requests/staff/queue";
    }

    // ---- one case ----

    public record Answer(String question, String answer) {
    }

    public record HistoryRow(String heading, String by, String at, String publicNote, String internalNote) {
    }

    public record CaseView(String reference, String service, int version, String status, String statusLabel, String description,
                           String address, String coordinates, String channel, String requested, String updated, String expected,
                           boolean overdue, String assignee, String duplicateOf, String statusNote, String mediaUrl,
                           List<Answer> answers, List<HistoryRow> history, boolean sealed) {
    }

    /** What the forms on the case page show back after a refused change. */
    public record CaseForm(String status, String publicNote, String internalNote, String original, String duplicatePublicNote,
                           String duplicateInternalNote, String assignee) {

        static CaseForm empty() {
            return new CaseForm("", "", "", "", "", "", "");
        }
    }

    @GetMapping("/staff/cases/{reference}")
    String oneCase(@PathVariable String reference, @RequestParam(required = false) String done,
                   @AuthenticationPrincipal CivitasPrincipal person, Model model) {
        CaseDetail detail = cases.find(scope(person), reference);
        model.addAttribute("done", done != null && List.of("assigned", "moved", "duplicate").contains(done) ? done : null);
        return casePage(detail, person, List.of(), CaseForm.empty(), model);
    }

    @PostMapping("/staff/cases/{reference}/assign")
    String assign(@PathVariable String reference, @RequestParam(required = false) String assignee,
                  @AuthenticationPrincipal CivitasPrincipal person, HttpServletResponse response, Model model) {
        CaseScope scope = scope(person);
        CaseDetail detail = cases.find(scope, reference); // 404 before any rule is checked
        String given = blank(assignee);
        try {
            UUID id;
            if (given == null) {
                throw new InvalidInput(List.of(new Violation("assignee", "requests.staff.assignee.required")));
            }
            else if (given.equals("me")) {
                id = person.accountId();
            }
            else {
                try {
                    id = UUID.fromString(given);
                }
                catch (IllegalArgumentException e) {
                    throw new InvalidInput(List.of(new Violation("assignee", "requests.case.assignee.unknown")));
                }
            }
            CaseDetail assigned = cases.assign(scope, reference, id, Actor.staff(person.accountId()));
            return "redirect:/staff/cases/" + assigned.request().reference() + "?done=assigned";
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return casePage(detail, person, invalid.violations(), new CaseForm("", "", "", "", "", "", given == null ? "" : given), model);
        }
    }

    @PostMapping("/staff/cases/{reference}/transition")
    String transition(@PathVariable String reference, @RequestParam(required = false) String status,
                      @RequestParam(required = false) String publicNote, @RequestParam(required = false) String internalNote,
                      @AuthenticationPrincipal CivitasPrincipal person, HttpServletResponse response, Model model) {
        CaseScope scope = scope(person);
        CaseDetail detail = cases.find(scope, reference);
        try {
            CaseDetail moved = cases.transition(scope, reference, status, Actor.staff(person.accountId()), publicNote, internalNote);
            return "redirect:/staff/cases/" + moved.request().reference() + "?done=moved";
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return casePage(detail, person, invalid.violations(),
                    new CaseForm(orEmpty(status), orEmpty(publicNote), orEmpty(internalNote), "", "", "", ""), model);
        }
    }

    @PostMapping("/staff/cases/{reference}/duplicate")
    String duplicate(@PathVariable String reference, @RequestParam(required = false) String original,
                     @RequestParam(required = false) String duplicatePublicNote,
                     @RequestParam(required = false) String duplicateInternalNote,
                     @AuthenticationPrincipal CivitasPrincipal person, HttpServletResponse response, Model model) {
        CaseScope scope = scope(person);
        CaseDetail detail = cases.find(scope, reference);
        try {
            CaseDetail marked = cases.markDuplicate(scope, reference, original, Actor.staff(person.accountId()), duplicatePublicNote,
                    duplicateInternalNote);
            return "redirect:/staff/cases/" + marked.request().reference() + "?done=duplicate";
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            // the duplicate form's fields have their own ids, so the error summary links to them and not to the transition form
            List<Violation> renamed = invalid.violations().stream().map(v -> new Violation(switch (v.field()) {
                case "publicNote" -> "duplicatePublicNote";
                case "internalNote" -> "duplicateInternalNote";
                default -> "original";
            }, v.messageKey())).toList();
            return casePage(detail, person, renamed, new CaseForm("", "", "", orEmpty(original), orEmpty(duplicatePublicNote),
                    orEmpty(duplicateInternalNote), ""), model);
        }
    }

    private String casePage(CaseDetail detail, CivitasPrincipal person, List<Violation> violations, CaseForm form, Model model) {
        ServiceRequest r = detail.request();
        Instant now = clock.instant();
        Service service = services.byId(r.serviceId()).orElse(null);
        ServiceVersion version = services.version(r.serviceId(), r.serviceVersion()).orElse(null);
        Set<UUID> people = new HashSet<>();
        if (detail.assignedTo() != null) {
            people.add(detail.assignedTo());
        }
        detail.history().stream().map(CaseEvent::actor).filter(a -> "staff".equals(a.kind()) && a.id() != null)
                .forEach(a -> people.add(a.id()));
        detail.history().stream().map(CaseEvent::assignedTo).filter(java.util.Objects::nonNull).forEach(people::add);
        Map<UUID, String> known = names.names(people);
        List<Answer> answers = new ArrayList<>();
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        detail.answers().forEach((code, values) -> {
            Question question = version == null ? null : version.question(code).orElse(null);
            List<String> shown = values.stream().map(value -> question != null && question.datatype().list()
                    ? question.values().stream().filter(v -> v.key().equals(value)).map(v -> v.name().in(locale)).findFirst().orElse(value)
                    : value).toList();
            answers.add(new Answer(question == null ? code : question.description().in(locale), String.join(", ", shown)));
        });
        List<HistoryRow> history = detail.history().stream().map(e -> new HistoryRow(heading(e, known),
                actor(e.actor(), known), format(e.at()), orEmpty(e.publicNote()), orEmpty(e.internalNote()))).toList();
        CaseView view = new CaseView(r.reference(), service == null ? r.serviceCode() : service.name().in(locale), r.serviceVersion(),
                r.status().code(), t("requests.staff.status." + r.status().code()), orEmpty(r.description()), orEmpty(r.addressString()),
                r.lat() == null ? "" : r.lat().toPlainString() + ", " + r.lon().toPlainString(),
                t("requests.staff.channel." + r.channel().code()), format(r.requestedAt()), format(r.updatedAt()),
                r.expectedAt() == null ? "" : format(r.expectedAt()), r.slaBreached(now),
                detail.assignedTo() == null ? "" : known.getOrDefault(detail.assignedTo(), ""), orEmpty(detail.duplicateOf()),
                orEmpty(r.statusNote()), orEmpty(r.mediaUrl()), answers, history,
                // a private request's description and place are sealed: they are read with a purpose, on the contact page
                service != null && service.privateRequests() && r.description() == null && r.addressString() == null && r.lat() == null);
        model.addAttribute("problems", problems(violations));
        model.addAttribute("form", form);
        model.addAttribute("item", view);
        // so a caseworker knows to reply in Welsh (issue 20)
        model.addAttribute("language", t("requests.staff.language." + ("cy".equals(detail.language()) ? "cy" : "en")));
        model.addAttribute("transitions", Arrays.stream(RequestStatus.values())
                .filter(next -> next != RequestStatus.DUPLICATE && r.status().canBecome(next))
                .map(next -> new Option(next.code(), t("requests.staff.status." + next.code()))).toList());
        model.addAttribute("canDuplicate", r.status().canBecome(RequestStatus.DUPLICATE));
        model.addAttribute("assignedToMe", person.accountId().equals(detail.assignedTo()));
        model.addAttribute("colleagues", service == null || service.teamId() == null ? List.of() : names.mayHandle(service.teamId()).stream()
                .filter(c -> !c.accountId().equals(detail.assignedTo()))
                .map(c -> new Option(c.accountId().toString(), c.displayName())).toList());
        model.addAttribute("photos", photos.ofRequest(r.id()).stream().map(Photos.Photo::url).toList());
        if (!model.containsAttribute("done")) {
            model.addAttribute("done", null);
        }
        return "requests/staff/case";
    }

    // ---- helpers ----

    /** The same scope as the case API: administrators see every case, other staff their teams'. */
    static CaseScope scope(CivitasPrincipal person) {
        if (person == null || !person.staff()) {
            throw new AccessDeniedException("the staff console is for staff");
        }
        return person.hasRole(Role.ADMINISTRATOR) ? CaseScope.all() : CaseScope.teams(person.teamIds());
    }

    private List<Service> visibleServices(CaseScope scope) {
        return services.all().stream().filter(s -> scope.everything() || (s.teamId() != null && scope.teamIds().contains(s.teamId())))
                .sorted(java.util.Comparator.comparing((Service s) -> s.name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()),
                        String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** What happened, as the timeline's heading: a status change, an assignment, or a resident's comment sent by an app. */
    private String heading(CaseEvent event, Map<UUID, String> known) {
        return switch (event.kind()) {
            case CaseEvent.ASSIGNMENT -> t("requests.staff.history.assigned",
                    known.getOrDefault(event.assignedTo(), t("requests.staff.actor.staff")));
            case CaseEvent.COMMENT -> event.from() == event.to() ? t("requests.staff.history.comment")
                    : t("requests.staff.history.commentReopened", t("requests.staff.status." + event.to().code()));
            default -> t("requests.staff.history.move", t("requests.staff.status." + event.from().code()),
                    t("requests.staff.status." + event.to().code()));
        };
    }

    private String actor(Actor actor, Map<UUID, String> known) {
        return switch (actor.kind()) {
            case "staff" -> known.getOrDefault(actor.id(), t("requests.staff.actor.staff"));
            case "api" -> t("requests.staff.actor.api");
            default -> t("requests.staff.actor.system");
        };
    }

    /** Rule violations as the page shows them; a page may word a rule differently from the API (requests.staff.case.*). */
    private List<FieldProblem> problems(List<Violation> violations) {
        Locale locale = LocaleContextHolder.getLocale();
        return violations.stream().map(v -> {
            String pageKey = v.messageKey().replace("requests.case.", "requests.staff.case.");
            String fallback = messages.getMessage(v.messageKey(), null, locale);
            return new FieldProblem(v.field(), messages.getMessage(pageKey, null, fallback, locale));
        }).toList();
    }

    private String format(Instant instant) {
        return org.civitas.platform.time.ShownTimes.dateTime(instant, properties.timeZone(), LocaleContextHolder.getLocale());
    }

    private String t(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
