package org.civitas.requests.staff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.civitas.catalogue.Question;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.Services;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.PageController;
import org.civitas.platform.Violation;
import org.civitas.platform.web.FieldProblem;
import org.civitas.requests.cases.CaseScope;
import org.civitas.requests.cases.Contact;
import org.civitas.requests.cases.ServiceRequest;
import org.civitas.requests.staff.StaffConsolePages.Option;
import org.civitas.requests.submission.RequestSubmission;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A caseworker enters a request for a resident who phoned or came to the counter: first the service
 * (one their team handles) and how the resident got in touch, then one page with where it is, the
 * service's questions, the description and the resident's contact details. Every rule is
 * {@link RequestSubmission}'s; this page only maps its fields to it and its violations back.
 */
@PageController
public class StaffRequestPages {

    static final List<String> CHANNELS = List.of("phone", "counter");

    private final RequestSubmission submission;
    private final Services services;
    private final MessageSource messages;

    StaffRequestPages(RequestSubmission submission, Services services, MessageSource messages) {
        this.submission = submission;
        this.services = services;
        this.messages = messages;
    }

    /** What the caseworker typed, shown back when a rule is broken. */
    public record EntryForm(String channel, String address, String description, String name, String email, String phone,
                            Map<String, List<String>> answers) {

        public List<String> answer(String code) {
            return answers.getOrDefault(code, List.of());
        }
    }

    @GetMapping("/staff/requests/new")
    String choose(@RequestParam(required = false) String service, @RequestParam(required = false) String channel,
                  @AuthenticationPrincipal CivitasPrincipal person, HttpServletResponse response, Model model) {
        List<Service> handled = handled(StaffConsolePages.scope(person));
        List<Violation> violations = new ArrayList<>();
        if (service != null || channel != null) { // the first page's answers, sent back to it
            boolean known = service != null && handled.stream().anyMatch(s -> s.code().equals(service));
            if (!known) {
                violations.add(new Violation("service", service == null || service.isBlank()
                        ? "requests.submission.service.required" : "requests.submission.service.unknown"));
            }
            if (channel == null || !CHANNELS.contains(channel)) {
                violations.add(new Violation("channel", "requests.submission.channel.required"));
            }
            if (violations.isEmpty()) {
                return "redirect:/staff/requests/new/" + service + "?channel=" + channel;
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("problems", problems(violations));
        model.addAttribute("services", handled.stream()
                .map(s -> new Option(s.code(), s.name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()))).toList());
        model.addAttribute("service", service == null ? "" : service);
        model.addAttribute("channel", channel == null ? "" : channel);
        model.addAttribute("channels", channels());
        return "requests/staff/newRequestService";
    }

    @GetMapping("/staff/requests/new/{service}")
    String form(@PathVariable("service") String code, @RequestParam(required = false) String channel,
                @AuthenticationPrincipal CivitasPrincipal person, Model model) {
        Service service = service(StaffConsolePages.scope(person), code);
        return page(service, new EntryForm(channel == null ? "" : channel, "", "", "", "", "", Map.of()), List.of(), model);
    }

    @PostMapping("/staff/requests/new/{service}")
    String enter(@PathVariable("service") String code, @RequestParam MultiValueMap<String, String> fields,
                 @AuthenticationPrincipal CivitasPrincipal person, HttpServletResponse response, Model model) {
        CaseScope scope = StaffConsolePages.scope(person);
        Service service = service(scope, code);
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (Question question : questions(service)) {
            List<String> given = fields.getOrDefault("answer-" + question.code(), List.of()).stream()
                    .filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
            if (!given.isEmpty()) {
                answers.put(question.code(), given);
            }
        }
        EntryForm form = new EntryForm(value(fields, "channel"), value(fields, "address"), value(fields, "description"),
                value(fields, "name"), value(fields, "email"), value(fields, "phone"), answers);
        ServiceRequest stored;
        try {
            stored = submission.enter(scope, new RequestSubmission.StaffEntry(service.code(), form.channel(), form.description(),
                    form.address(), null, null, answers, Contact.ofFullName(form.name(), form.email(), form.phone()),
                    org.civitas.platform.Languages.current()));
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(service, form, invalid.violations(), model);
        }
        return "redirect:/staff/cases/" + stored.reference();
    }

    private String page(Service service, EntryForm form, List<Violation> violations, Model model) {
        model.addAttribute("problems", problems(violations));
        model.addAttribute("service", service);
        model.addAttribute("form", form);
        model.addAttribute("channels", channels());
        model.addAttribute("questions", questions(service));
        return "requests/staff/newRequest";
    }

    private List<Question> questions(Service service) {
        return services.version(service.id(), service.version()).orElseThrow().questions().stream().filter(Question::variable)
                .sorted(Comparator.comparingInt(Question::order)).toList();
    }

    private Service service(CaseScope scope, String code) {
        return handled(scope).stream().filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The live services of the caller's teams (every live service for administrators), by name. */
    private List<Service> handled(CaseScope scope) {
        return services.all().stream().filter(Service::live)
                .filter(s -> scope.everything() || (s.teamId() != null && scope.teamIds().contains(s.teamId())))
                .sorted(Comparator.comparing((Service s) -> s.name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()),
                        String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private List<Option> channels() {
        return CHANNELS.stream().map(c -> new Option(c, t("requests.staff.channel." + c))).toList();
    }

    /** The domain's field names as this page's fields (their ids, for the error summary's links). */
    private List<FieldProblem> problems(List<Violation> violations) {
        return violations.stream().map(v -> new FieldProblem(field(v.field()), t(v.messageKey()))).toList();
    }

    static String field(String domain) {
        String question = RequestSubmission.answerCode(domain);
        if (question != null) {
            return "answer-" + question;
        }
        return switch (domain) {
            case "location", "location.address", "location.addressId", "location.lat", "location.lon" -> "address";
            case "contact.firstName", "contact.lastName", "contact.name" -> "name";
            case "contact.email" -> "email";
            case "contact.phone" -> "phone";
            default -> domain;
        };
    }

    private static String value(MultiValueMap<String, String> fields, String name) {
        String value = fields.getFirst(name);
        return value == null ? "" : value;
    }

    private String t(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
