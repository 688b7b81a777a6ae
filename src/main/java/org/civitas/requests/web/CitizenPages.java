package org.civitas.requests.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.civitas.catalogue.Service;
import org.civitas.catalogue.Services;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.PageController;
import org.civitas.platform.Violation;
import org.civitas.platform.web.FieldProblem;
import org.civitas.requests.citizen.ResidentRequests;
import org.civitas.requests.citizen.ResidentRequests.PublicRequest;
import org.civitas.requests.photos.Photos;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The resident's side around reporting: the start page with the service finder, tracking a
 * request, "Your requests", the satisfaction question, feedback on pages, and photos served to
 * those who may see them.
 */
@PageController
class CitizenPages {

    private static final int MOST_USED = 5;

    private final Services services;
    private final ResidentRequests residents;
    private final Photos photos;
    private final MessageSource messages;

    CitizenPages(Services services, ResidentRequests residents, Photos photos, MessageSource messages) {
        this.services = services;
        this.residents = residents;
        this.photos = photos;
        this.messages = messages;
    }

    // ---- start page ----

    /** The start page; after signing out (the sign-out flow lands on {@code /?signed-out}) it says so. */
    @GetMapping("/")
    String start(@RequestParam(name = "signed-out", required = false) String signedOut,
                 @RequestParam(name = "q", required = false) String query, Model model) {
        Map<String, Long> usage = residents.usage();
        Comparator<Service> mostUsed = Comparator.<Service>comparingLong(s -> usage.getOrDefault(s.code(), 0L)).reversed()
                .thenComparing(s -> s.name().in(LocaleContextHolder.getLocale()));
        List<Service> live = services.live();
        String trimmed = query == null ? "" : query.trim();
        String q = trimmed.length() > 100 ? trimmed.substring(0, 100) : trimmed;
        List<Service> results = q.isEmpty() ? List.of() : live.stream().filter(s -> matches(s, q)).sorted(mostUsed).toList();
        Map<String, List<Service>> groups = new LinkedHashMap<>();
        live.stream().sorted(Comparator.comparing((Service s) -> s.group() == null ? "\uffff" : s.group()).thenComparing(mostUsed))
                .forEach(s -> groups.computeIfAbsent(s.group() == null ? t("start.group.other") : s.group(), g -> new ArrayList<>()).add(s));
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("query", q);
        model.addAttribute("searched", query != null);
        model.addAttribute("results", results);
        model.addAttribute("mostUsed", live.stream().sorted(mostUsed).limit(MOST_USED).toList());
        model.addAttribute("groups", groups);
        return "requests/start";
    }

    /** Every word of the query is in the service's name or keywords. */
    static boolean matches(Service service, String query) {
        // both languages: a resident may search in either, whatever the page's language
        String haystack = (service.name().enOrEmpty() + " " + service.name().cyOrEmpty() + " " + String.join(" ", service.keywords()) + " "
                + (service.group() == null ? "" : service.group())).toLowerCase(Locale.ROOT);
        for (String word : query.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!word.isEmpty() && !haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    // ---- track a request ----

    @GetMapping("/track")
    String track(@RequestParam(name = "reference", required = false) String reference, HttpServletResponse response, Model model) {
        if (reference == null) {
            model.addAttribute("reference", "");
            model.addAttribute("problems", List.of());
            return "requests/track";
        }
        Optional<PublicRequest> found = residents.byReference(reference);
        if (found.isPresent()) {
            return "redirect:/track/" + found.get().request().reference();
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("reference", reference.length() > 40 ? reference.substring(0, 40) : reference);
        model.addAttribute("problems", List.of(new FieldProblem("reference",
                t(reference.isBlank() ? "track.reference.required" : "track.reference.unknown"))));
        return "requests/track";
    }

    @GetMapping("/track/{reference}")
    String tracked(@PathVariable("reference") String reference, Authentication authentication, Model model) {
        PublicRequest request = residents.byReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("request", request);
        model.addAttribute("serviceName", serviceName(request.request().serviceCode()));
        model.addAttribute("owner", residents.madeBy(request.request().id(), ReportPages.account(authentication)));
        return "requests/tracked";
    }

    @GetMapping("/your-requests")
    String yourRequests(Authentication authentication, Model model) {
        UUID account = ReportPages.account(authentication);
        List<PublicRequest> mine = residents.ofAccount(account);
        Map<String, String> names = new LinkedHashMap<>();
        mine.forEach(r -> names.put(r.request().serviceCode(), serviceName(r.request().serviceCode())));
        model.addAttribute("requests", mine);
        model.addAttribute("serviceNames", names);
        return "requests/yourRequests";
    }

    // ---- satisfaction ----

    @GetMapping("/track/{reference}/satisfaction")
    String satisfaction(@PathVariable("reference") String reference, @RequestParam(name = "key", required = false) String key,
                        Authentication authentication, Model model) {
        PublicRequest request = mayAnswer(reference, key, authentication);
        if (request.satisfactionGiven() || !request.finished()) {
            return "redirect:/track/" + request.request().reference();
        }
        return satisfactionPage(request, key, "", "", List.of(), model);
    }

    @PostMapping("/track/{reference}/satisfaction")
    String giveSatisfaction(@PathVariable("reference") String reference, @RequestParam(name = "key", required = false) String key,
                            @RequestParam(name = "rating", required = false) String rating,
                            @RequestParam(name = "comment", required = false) String comment,
                            Authentication authentication, HttpServletResponse response, Model model) {
        PublicRequest request = mayAnswer(reference, key, authentication);
        try {
            residents.giveSatisfaction(request.request(), rating, comment);
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return satisfactionPage(request, key, rating == null ? "" : rating, comment == null ? "" : comment,
                    problems(invalid.violations()), model);
        }
        model.addAttribute("reference", request.request().reference());
        return "requests/satisfactionThanks";
    }

    private String satisfactionPage(PublicRequest request, String key, String rating, String comment, List<FieldProblem> problems,
                                    Model model) {
        model.addAttribute("reference", request.request().reference());
        model.addAttribute("serviceName", serviceName(request.request().serviceCode()));
        model.addAttribute("key", key == null ? "" : key);
        model.addAttribute("rating", rating);
        model.addAttribute("comment", comment);
        model.addAttribute("maxLength", ResidentRequests.MAX_COMMENT);
        model.addAttribute("problems", problems);
        return "requests/satisfaction";
    }

    /** The signed-in resident who made the request, or whoever holds its secret link; anyone else is told it does not exist. */
    private PublicRequest mayAnswer(String reference, String key, Authentication authentication) {
        PublicRequest request = residents.byReference(reference).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean owner = residents.madeBy(request.request().id(), ReportPages.account(authentication));
        if (!owner && !residents.satisfactionKeyMatches(request.request().id(), key)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return request;
    }

    // ---- feedback on a page ----

    @GetMapping("/feedback")
    String feedback(@RequestParam(name = "from", required = false) String from, Model model) {
        return feedbackPage(ResidentRequests.safePath(from), "", List.of(), model);
    }

    @PostMapping("/feedback")
    String giveFeedback(@RequestParam(name = "from", required = false) String from,
                        @RequestParam(name = "message", required = false) String message,
                        HttpServletResponse response, Model model) {
        String path = ResidentRequests.safePath(from);
        try {
            residents.givePageFeedback(path, message);
        }
        catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return feedbackPage(path, message == null ? "" : message, problems(invalid.violations()), model);
        }
        model.addAttribute("from", path);
        return "requests/feedbackThanks";
    }

    private String feedbackPage(String from, String message, List<FieldProblem> problems, Model model) {
        model.addAttribute("from", from);
        model.addAttribute("message", message);
        model.addAttribute("maxLength", ResidentRequests.MAX_FEEDBACK);
        model.addAttribute("problems", problems);
        return "requests/feedback";
    }

    // ---- photos ----

    /**
     * A photo, to the session that uploaded it, the signed-in resident who made the request, or
     * staff of the team that handles its service (administrators: any). Sent as an image only,
     * never to be sniffed into something else, and not kept by shared caches.
     */
    @GetMapping("/photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable("id") String id, HttpSession session, Authentication authentication) {
        UUID photoId;
        try {
            photoId = UUID.fromString(id);
        }
        catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Photos.Image image = photos.image(photoId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!maySee(image, session, authentication)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String extension = "image/png".equals(image.contentType()) ? "png" : "jpg";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(image.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("photo." + extension).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(image.bytes());
    }

    private boolean maySee(Photos.Image image, HttpSession session, Authentication authentication) {
        if (session != null && session.getAttribute(ReportPages.PHOTOS_OF_SESSION) instanceof java.util.Set<?> mine
                && mine.contains(image.id())) {
            return true;
        }
        if (image.requestId() == null) {
            return false;
        }
        if (residents.madeBy(image.requestId(), ReportPages.account(authentication))) {
            return true;
        }
        if (authentication != null && authentication.getPrincipal() instanceof CivitasPrincipal staff && staff.staff()) {
            if (staff.hasRole(Role.ADMINISTRATOR)) {
                return true;
            }
            return residents.serviceOf(image.requestId()).flatMap(services::byCode)
                    .map(service -> staff.teamIds().contains(service.teamId())).orElse(false);
        }
        return false;
    }

    private String serviceName(String code) {
        return services.byCode(code).map(service -> service.name().in(LocaleContextHolder.getLocale())).orElse(code);
    }

    private List<FieldProblem> problems(List<Violation> violations) {
        return violations.stream().map(v -> new FieldProblem(v.field(), t(v.messageKey()))).toList();
    }

    private String t(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
