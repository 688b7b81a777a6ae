package org.civitas.requests.contact;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.PageController;
import org.civitas.platform.Violation;
import org.civitas.platform.web.FieldProblem;
import org.civitas.requests.cases.CaseNotFound;
import org.civitas.trust.Purposes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff see a requester's contact details: first why (a purpose from the list, or words of their
 * own), then the details, with the access written to the access log. A case the member of staff
 * may not handle is answered 404, and the attempt is recorded.
 */
@PageController
class ContactPages {

    private final ContactReveal reveal;
    private final MessageSource messages;

    ContactPages(ContactReveal reveal, MessageSource messages) {
        this.reveal = reveal;
        this.messages = messages;
    }

    @GetMapping("/staff/cases/{reference}/contact")
    String form(@PathVariable String reference, Authentication caller, Model model) {
        try {
            reveal.checkMayReveal(caller, reference);
        }
        catch (ContactReveal.Refused refused) {
            throw refusal(refused);
        }
        return formPage(reference, null, null, List.of(), model);
    }

    @PostMapping("/staff/cases/{reference}/contact")
    String reveal(@PathVariable String reference, @RequestParam(required = false) String purpose,
                  @RequestParam(required = false) String detail, Authentication caller, HttpServletResponse response, Model model) {
        ContactReveal.Revealed revealed;
        try {
            revealed = reveal.reveal(caller, reference, purpose, detail);
        }
        catch (ContactReveal.Refused refused) {
            throw refusal(refused);
        }
        catch (InvalidInput invalid) {
            List<FieldProblem> problems = new ArrayList<>();
            for (Violation violation : invalid.violations()) {
                String field = violation.field();
                problems.add(new FieldProblem(field, messages.getMessage(violation.messageKey(), null, LocaleContextHolder.getLocale())));
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return formPage(reference, purpose, detail, problems, model);
        }
        model.addAttribute("revealed", revealed);
        model.addAttribute("reference", revealed.reference());
        return "requests/contact/shown";
    }

    /** Residents are not staff at all: 403. Staff and a case not theirs: 404, as if it did not exist. */
    private static RuntimeException refusal(ContactReveal.Refused refused) {
        return refused.forbidden() ? new AccessDeniedException("contact details are for staff") : new CaseNotFound();
    }

    private String formPage(String reference, String purpose, String detail, List<FieldProblem> problems, Model model) {
        model.addAttribute("reference", reference.trim().toUpperCase(java.util.Locale.ROOT));
        model.addAttribute("purposes", Purposes.FOR_CONTACT);
        model.addAttribute("purpose", purpose);
        model.addAttribute("detail", detail);
        model.addAttribute("problems", problems);
        return "requests/contact/form";
    }
}
