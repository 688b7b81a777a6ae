package org.civitas.trust.tracker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.PageController;
import org.civitas.platform.SignedInUser;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-in person's data pages: who has seen their data and why, downloading everything held
 * about them, and having it deleted.
 */
@PageController
class DataTrackerPages {

    private final DataTracker tracker;
    private final SubjectRights rights;
    private final JsonMapper json;
    private final Clock clock;
    private final CivitasProperties properties;

    DataTrackerPages(DataTracker tracker, SubjectRights rights, JsonMapper json, Clock clock, CivitasProperties properties) {
        this.tracker = tracker;
        this.rights = rights;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping("/account/data-access")
    String accesses(Authentication authentication, Model model) {
        SignedInUser person = (SignedInUser) authentication.getPrincipal();
        model.addAttribute("rows", tracker.rows(person.accountId(), LocaleContextHolder.getLocale()));
        return "trust/dataAccess";
    }

    @GetMapping("/account/export")
    ResponseEntity<byte[]> export(Authentication authentication) {
        SignedInUser person = (SignedInUser) authentication.getPrincipal();
        Map<String, Object> export = rights.export(person.accountId());
        byte[] body = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsBytes(export);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("your-data-" + LocalDate.now(clock.withZone(properties.timeZone())) + ".json").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    @GetMapping("/account/delete")
    String confirmDelete(Authentication authentication, Model model) {
        SignedInUser person = (SignedInUser) authentication.getPrincipal();
        model.addAttribute("staff", person.staff());
        return "trust/delete";
    }

    @PostMapping("/account/delete")
    String delete(Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
        SignedInUser person = (SignedInUser) authentication.getPrincipal();
        if (person.staff()) {
            // staff accounts are closed by an administrator: their access is part of the body's records
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("staff", true);
            return "trust/delete";
        }
        rights.erase(person.accountId());
        new SecurityContextLogoutHandler().logout(request, response, authentication);
        return "trust/deleted";
    }
}
