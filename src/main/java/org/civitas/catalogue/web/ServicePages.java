package org.civitas.catalogue.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.civitas.catalogue.Datatype;
import org.civitas.catalogue.Question;
import org.civitas.catalogue.QuestionValue;
import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceStatus;
import org.civitas.catalogue.ServiceType;
import org.civitas.catalogue.ServiceVersion;
import org.civitas.catalogue.Sla;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.Teams;
import org.civitas.catalogue.api.ServiceManagement;
import org.civitas.catalogue.service.ServiceCatalogue;
import org.civitas.catalogue.service.ServiceInput;
import org.civitas.catalogue.service.ServiceInput.QuestionInput;
import org.civitas.catalogue.service.ServiceInput.SlaInput;
import org.civitas.catalogue.service.ServiceInput.ValueInput;
import org.civitas.catalogue.service.ServiceNotFound;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.PageController;
import org.civitas.platform.Violation;
import org.civitas.platform.input.WholeNumbers;
import org.civitas.platform.web.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The service catalogue in the staff console: the list, creating a service, changing its details and
 * its questions, publishing and retiring. Every change goes through {@link ServiceCatalogue} with the
 * caller's right to manage the owning team, as the catalogue API's changes do. The questions are
 * edited in the form (added, removed, moved) and only written when saved: for a draft service in
 * place, for a live one as a new version.
 */
@PageController
public class ServicePages {

    static final int MAX_QUESTIONS = 50;

    private final ServiceCatalogue catalogue;
    private final Teams teams;
    private final MessageSource messages;

    ServicePages(ServiceCatalogue catalogue, Teams teams, MessageSource messages) {
        this.catalogue = catalogue;
        this.teams = teams;
        this.messages = messages;
    }

    public record Row(String code, String name, String status, int version, String team, String sla, boolean manageable) {
    }

    public record Option(String value, String label) {
    }

    /** The details form as the person filled it in: each word a resident reads in English and in Welsh (…Cy). */
    public record DetailsForm(String code, String name, String description, String group, String keywords, String type, String team,
                              String slaAmount, String slaUnit, String anonymousRequests, String privacy, String nameCy,
                              String descriptionCy) {
    }

    /**
     * One question in the questions form; values one per line as "key | name", and their Welsh
     * names one per line in the same order (valuesCy).
     */
    public record QuestionForm(String code, String description, String help, String datatype, boolean required, boolean variable,
                               String values, boolean personal, String descriptionCy, String helpCy, String valuesCy) {
    }

    @GetMapping("/staff/services")
    String list(@RequestParam(required = false) String done, Authentication caller, Model model) {
        Predicate<UUID> manages = ServiceManagement.teamsManagedBy(caller);
        Map<UUID, String> teamNames = teams.all().stream().collect(Collectors.toMap(Team::id, Team::name));
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("services", catalogue.all().stream().map(s -> new Row(s.code(), s.name().in(locale), s.status().code(), s.version(),
                s.teamId() == null ? "" : teamNames.getOrDefault(s.teamId(), ""), sla(s.sla()),
                s.teamId() != null && manages.test(s.teamId()))).toList());
        model.addAttribute("done", "retired".equals(done) ? done : null);
        return "catalogue/staff/list";
    }

    // ---- creating and changing details ----

    @GetMapping("/staff/services/new")
    String newService(Authentication caller, Model model) {
        return detailsPage(null, new DetailsForm("", "", "", "", "", "realtime", "", "", "working_days",
                yesNo(Service.DEFAULT_ANONYMOUS_REQUESTS), Service.DEFAULT_PRIVACY.code(), "", ""), List.of(), caller, model);
    }

    @PostMapping("/staff/services")
    String create(@RequestParam MultiValueMap<String, String> params, Authentication caller, HttpServletResponse response, Model model) {
        DetailsForm form = details(params, null);
        try {
            Service created = catalogue.create(input(form, List.of()), ServiceManagement.teamsManagedBy(caller));
            return "redirect:/staff/services/" + created.code() + "?done=created";
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return detailsPage(null, form, invalid.violations(), caller, model);
        }
    }

    @GetMapping("/staff/services/{code}/details")
    String editDetails(@PathVariable String code, Authentication caller, Model model) {
        Service service = managed(code, caller);
        String teamCode = teams.byIds(List.of(service.teamId())).stream().map(Team::code).findFirst().orElse("");
        DetailsForm form = new DetailsForm(service.code(), service.name().enOrEmpty(), service.description().enOrEmpty(), orEmpty(service.group()),
                String.join(", ", service.keywords()), service.type().code(), teamCode, String.valueOf(service.sla().amount()),
                service.sla().unit().code(), yesNo(service.anonymousRequests()), service.privacy().code(), service.name().cyOrEmpty(),
                service.description().cyOrEmpty());
        return detailsPage(service, form, List.of(), caller, model);
    }

    @PostMapping("/staff/services/{code}/details")
    String changeDetails(@PathVariable String code, @RequestParam MultiValueMap<String, String> params, Authentication caller,
                         HttpServletResponse response, Model model) {
        Service service = managed(code, caller);
        DetailsForm form = details(params, code);
        ServiceVersion version = catalogue.version(service.id(), service.version()).orElseThrow(ServiceNotFound::new);
        try {
            catalogue.replace(code, input(form, version.questions().stream().map(ServicePages::questionInput).toList()),
                    ServiceManagement.teamsManagedBy(caller));
            return "redirect:/staff/services/" + code + "?done=details";
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return detailsPage(service, form, invalid.violations(), caller, model);
        }
    }

    private String detailsPage(Service service, DetailsForm form, List<Violation> violations, Authentication caller, Model model) {
        Predicate<UUID> manages = ServiceManagement.teamsManagedBy(caller);
        model.addAttribute("service", service);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems(violations));
        model.addAttribute("teams", teams.all().stream().filter(t -> manages.test(t.id())).map(t -> new Option(t.code(), t.name())).toList());
        model.addAttribute("types", Arrays.stream(ServiceType.values()).map(t -> new Option(t.code(), t("catalogue.staff.type." + t.code()))).toList());
        model.addAttribute("units", Arrays.stream(Sla.Unit.values()).map(u -> new Option(u.code(), t("catalogue.staff.sla.unit." + u.code()))).toList());
        return "catalogue/staff/details";
    }

    // ---- one service ----

    @GetMapping("/staff/services/{code}")
    String one(@PathVariable String code, @RequestParam(required = false) String done, Authentication caller, Model model) {
        Service service = catalogue.byCode(code).orElseThrow(ServiceNotFound::new);
        model.addAttribute("done", done != null && List.of("created", "details", "questions", "published").contains(done) ? done : null);
        return servicePage(service, List.of(), caller, model);
    }

    @PostMapping("/staff/services/{code}/publish")
    String publish(@PathVariable String code, Authentication caller, HttpServletResponse response, Model model) {
        Service service = managed(code, caller);
        try {
            catalogue.publish(code, ServiceManagement.teamsManagedBy(caller));
            return "redirect:/staff/services/" + code + "?done=published";
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("done", null);
            // the fields are on the details and questions pages: this page's links to them take the person there
            List<Violation> here = invalid.violations().stream().map(v -> new Violation(
                    v.field().startsWith("questions") ? "change-questions" : v.field().endsWith("Cy") ? "change-details" : v.field(),
                    v.messageKey())).toList();
            return servicePage(service, here, caller, model);
        }
    }

    @PostMapping("/staff/services/{code}/retire")
    String retire(@PathVariable String code, Authentication caller, HttpServletResponse response, Model model) {
        Service service = managed(code, caller);
        try {
            catalogue.retire(code, ServiceManagement.teamsManagedBy(caller));
            return "redirect:/staff/services?done=retired";
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("done", null);
            return servicePage(service, invalid.violations(), caller, model);
        }
    }

    private String servicePage(Service service, List<Violation> violations, Authentication caller, Model model) {
        ServiceVersion version = catalogue.version(service.id(), service.version()).orElseThrow(ServiceNotFound::new);
        model.addAttribute("service", service);
        model.addAttribute("team", teams.byIds(List.of(service.teamId())).stream().map(Team::name).findFirst().orElse(""));
        model.addAttribute("sla", sla(service.sla()));
        model.addAttribute("questions", version.questions().stream().sorted(java.util.Comparator.comparingInt(Question::order))
                .map(ServicePages::questionForm).toList());
        model.addAttribute("versions", catalogue.versionNumbers(service.id()));
        model.addAttribute("manageable", service.teamId() != null && ServiceManagement.teamsManagedBy(caller).test(service.teamId()));
        model.addAttribute("problems", problems(violations));
        return "catalogue/staff/service";
    }

    // ---- questions ----

    @GetMapping("/staff/services/{code}/questions")
    String questions(@PathVariable String code, Authentication caller, Model model) {
        Service service = managed(code, caller);
        ServiceVersion version = catalogue.version(service.id(), service.version()).orElseThrow(ServiceNotFound::new);
        return questionsPage(service, version.questions().stream().sorted(java.util.Comparator.comparingInt(Question::order))
                .map(ServicePages::questionForm).toList(), List.of(), model);
    }

    /**
     * The questions form's buttons: {@code add}, {@code remove-N}, {@code up-N} and {@code down-N} change the form
     * and show it again (nothing is written); {@code save} writes the questions through the catalogue.
     */
    @PostMapping("/staff/services/{code}/questions")
    String changeQuestions(@PathVariable String code, @RequestParam MultiValueMap<String, String> params, Authentication caller,
                           HttpServletResponse response, Model model) {
        Service service = managed(code, caller);
        List<QuestionForm> questions = new ArrayList<>(questionForms(params));
        String action = orEmpty(params.getFirst("action"));
        int index = action.contains("-") ? parseIndex(action.substring(action.indexOf('-') + 1)) : -1;
        if (action.equals("add")) {
            if (questions.size() >= MAX_QUESTIONS) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return questionsPage(service, questions, List.of(new Violation("add", "catalogue.question.count")), model);
            }
            questions.add(new QuestionForm("", "", "", "string", false, true, "", false, "", "", ""));
            model.addAttribute("focus", questions.size() - 1);
            return questionsPage(service, questions, List.of(), model);
        }
        if (action.startsWith("remove-") && index >= 0 && index < questions.size()) {
            questions.remove(index);
            return questionsPage(service, questions, List.of(), model);
        }
        if (action.startsWith("up-") && index > 0 && index < questions.size()) {
            questions.add(index - 1, questions.remove(index));
            return questionsPage(service, questions, List.of(), model);
        }
        if (action.startsWith("down-") && index >= 0 && index < questions.size() - 1) {
            questions.add(index + 1, questions.remove(index));
            return questionsPage(service, questions, List.of(), model);
        }
        if (!action.equals("save")) { // a button this form does not have: show the form again, write nothing
            return questionsPage(service, questions, List.of(), model);
        }
        ServiceVersion version = catalogue.version(service.id(), service.version()).orElseThrow(ServiceNotFound::new);
        String teamCode = teams.byIds(List.of(service.teamId())).stream().map(Team::code).findFirst().orElse(null);
        List<Violation> valueProblems = new ArrayList<>();
        List<QuestionInput> inputs = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            inputs.add(questionInput(questions.get(i), i, valueProblems));
        }
        try {
            if (!valueProblems.isEmpty()) {
                throw new InvalidInput(valueProblems);
            }
            catalogue.replace(code, new ServiceInput(code, version.name().en(), version.description().en(), service.group(),
                    service.keywords(), service.type().code(), teamCode, new SlaInput(service.sla().amount(), service.sla().unit().code()),
                    inputs, null, null, null, version.name().cy(), version.description().cy()), ServiceManagement.teamsManagedBy(caller));
            return "redirect:/staff/services/" + code + "?done=questions";
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return questionsPage(service, questions, invalid.violations(), model);
        }
    }

    private String questionsPage(Service service, List<QuestionForm> questions, List<Violation> violations, Model model) {
        model.addAttribute("service", service);
        model.addAttribute("questions", questions);
        model.addAttribute("problems", problems(violations));
        model.addAttribute("datatypes", Arrays.stream(Datatype.values())
                .map(d -> new Option(d.code(), t("catalogue.staff.datatype." + d.code()))).toList());
        if (!model.containsAttribute("focus")) {
            model.addAttribute("focus", -1);
        }
        return "catalogue/staff/questions";
    }

    private static List<QuestionForm> questionForms(MultiValueMap<String, String> params) {
        int count = Math.min(MAX_QUESTIONS, Math.max(0, parseIndex(orEmpty(params.getFirst("count")))));
        List<QuestionForm> forms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prefix = "q" + i + ".";
            forms.add(new QuestionForm(orEmpty(params.getFirst(prefix + "code")).trim(), orEmpty(params.getFirst(prefix + "description")),
                    orEmpty(params.getFirst(prefix + "help")), orEmpty(params.getFirst(prefix + "datatype")),
                    "true".equals(params.getFirst(prefix + "required")), !"false".equals(params.getFirst(prefix + "variable")),
                    orEmpty(params.getFirst(prefix + "values")), "true".equals(params.getFirst(prefix + "personal")),
                    orEmpty(params.getFirst(prefix + "descriptionCy")), orEmpty(params.getFirst(prefix + "helpCy")),
                    orEmpty(params.getFirst(prefix + "valuesCy"))));
        }
        return forms;
    }

    /**
     * Lines of "key | name"; a line without a key takes one made from its name. The Welsh names are
     * lines in the same order as the English ones; more Welsh lines than English ones is a problem.
     */
    private static QuestionInput questionInput(QuestionForm form, int index, List<Violation> problems) {
        List<String> welsh = form.valuesCy().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<ValueInput> values = new ArrayList<>();
        for (String line : form.values().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int bar = line.indexOf('|');
            String name = (bar < 0 ? line : line.substring(bar + 1)).trim();
            String key = bar < 0 ? name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "")
                    : line.substring(0, bar).trim();
            values.add(new ValueInput(key, name, values.size() < welsh.size() ? welsh.get(values.size()) : null));
        }
        if (values.isEmpty() && !form.values().isBlank()) {
            problems.add(new Violation("questions[" + index + "].values", "catalogue.question.values.required"));
        }
        if (welsh.size() > values.size()) {
            problems.add(new Violation("questions[" + index + "].valuesCy", "catalogue.staff.question.valuesCy.count"));
        }
        return new QuestionInput(form.code(), form.datatype(), form.required(), form.variable(), form.description(),
                form.help().isBlank() ? null : form.help(), values.isEmpty() ? null : values, form.personal(),
                form.descriptionCy().isBlank() ? null : form.descriptionCy(), form.helpCy().isBlank() ? null : form.helpCy());
    }

    private static QuestionInput questionInput(Question question) {
        return new QuestionInput(question.code(), question.datatype().code(), question.required(), question.variable(),
                question.description().en(), question.datatypeDescription().en(),
                question.values().isEmpty() ? null
                        : question.values().stream().map(v -> new ValueInput(v.key(), v.name().en(), v.name().cy())).toList(),
                question.personal(), question.description().cy(), question.datatypeDescription().cy());
    }

    private static QuestionForm questionForm(Question question) {
        return new QuestionForm(question.code(), question.description().enOrEmpty(), question.datatypeDescription().enOrEmpty(),
                question.datatype().code(), question.required(), question.variable(),
                question.values().stream().map((QuestionValue v) -> v.key() + " | " + v.name().enOrEmpty()).collect(Collectors.joining("\n")),
                question.personal(), question.description().cyOrEmpty(), question.datatypeDescription().cyOrEmpty(),
                question.values().stream().map((QuestionValue v) -> v.name().cyOrEmpty()).collect(Collectors.joining("\n")));
    }

    // ---- helpers ----

    private Service managed(String code, Authentication caller) {
        Service service = catalogue.byCode(code).orElseThrow(ServiceNotFound::new);
        if (service.teamId() == null || !ServiceManagement.teamsManagedBy(caller).test(service.teamId())) {
            throw new AccessDeniedException("may not manage services of this team");
        }
        return service;
    }

    private static DetailsForm details(MultiValueMap<String, String> params, String fixedCode) {
        return new DetailsForm(fixedCode != null ? fixedCode : orEmpty(params.getFirst("code")).trim(), orEmpty(params.getFirst("name")),
                orEmpty(params.getFirst("description")), orEmpty(params.getFirst("group")), orEmpty(params.getFirst("keywords")),
                orEmpty(params.getFirst("type")), orEmpty(params.getFirst("team")), orEmpty(params.getFirst("sla-amount")).trim(),
                orEmpty(params.getFirst("slaUnit")), orEmpty(params.getFirst("anonymousRequests")), orEmpty(params.getFirst("privacy")),
                orEmpty(params.getFirst("nameCy")), orEmpty(params.getFirst("descriptionCy")));
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static ServiceInput input(DetailsForm form, List<QuestionInput> questions) {
        // not a whole number (or one beyond any int): -1, and the catalogue's SLA rule names the field
        Integer amount = form.slaAmount().isEmpty() ? null
                : WholeNumbers.parseInt(form.slaAmount(), Integer.MIN_VALUE, Integer.MAX_VALUE).orElse(-1);
        List<String> keywords = Arrays.stream(form.keywords().split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
        // the radios always send one of the two; anything else was made by hand and is named, not guessed at
        Boolean anonymous = switch (form.anonymousRequests()) {
            case "yes" -> true;
            case "no" -> false;
            case "" -> null;
            default -> throw new InvalidInput(List.of(new Violation("anonymousRequests", "catalogue.staff.field.anonymousRequests.invalid")));
        };
        String privacy = switch (form.privacy()) {
            case "public", "private" -> form.privacy();
            case "" -> null;
            default -> throw new InvalidInput(List.of(new Violation("privacy", "catalogue.staff.field.privacy.invalid")));
        };
        return new ServiceInput(form.code(), form.name(), form.description().isBlank() ? null : form.description(),
                form.group().isBlank() ? null : form.group(), keywords, form.type(), form.team().isBlank() ? null : form.team(),
                new SlaInput(amount, form.slaUnit()), questions, null, anonymous, privacy, form.nameCy().isBlank() ? null : form.nameCy(),
                form.descriptionCy().isBlank() ? null : form.descriptionCy());
    }

    /** A rule's field, such as questions[2].values[0].key, as the id of the input that answers it (questions-2-values). */
    static String fieldId(String field) {
        String id = field.replaceAll("\\.values\\[\\d+]\\.(key|name)$", ".values").replaceAll("\\.values\\[\\d+]\\.nameCy$", ".valuesCy");
        return id.replaceAll("[\\[\\].]+", "-").replaceAll("-$", "");
    }

    private List<FieldProblem> problems(List<Violation> violations) {
        Locale locale = LocaleContextHolder.getLocale();
        List<FieldProblem> problems = new ArrayList<>();
        for (Violation v : violations) {
            FieldProblem problem = new FieldProblem(fieldId(v.field()), messages.getMessage(v.messageKey(), null, locale));
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private String sla(Sla sla) {
        return t("catalogue.staff.sla." + sla.unit().code(), sla.amount());
    }

    private String t(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    private static int parseIndex(String value) {
        return WholeNumbers.parseInt(value, 0, Integer.MAX_VALUE).orElse(-1);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static boolean isLive(Service service) {
        return service.status() == ServiceStatus.LIVE;
    }
}
