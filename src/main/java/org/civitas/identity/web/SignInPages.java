package org.civitas.identity.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.mfa.SecondFactor;
import org.civitas.identity.security.SignInFlow;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.PageController;
import org.civitas.platform.web.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page (the form posts to Spring Security) and the second-factor step for staff. */
@PageController
class SignInPages {

    static final int SECOND_FACTOR_ATTEMPTS = 5;
    private static final String ATTEMPTS = SignInPages.class.getName() + ".attempts";

    private final MessageSource messages;
    private final CivitasProperties properties;
    private final SecondFactor secondFactor;
    private final SignInFlow signInFlow;

    SignInPages(MessageSource messages, CivitasProperties properties, SecondFactor secondFactor, SignInFlow signInFlow) {
        this.messages = messages;
        this.properties = properties;
        this.secondFactor = secondFactor;
        this.signInFlow = signInFlow;
    }

    @GetMapping("/sign-in")
    String signIn(@RequestParam(required = false) String error, Model model) {
        List<FieldProblem> problems = switch (error == null ? "" : error) {
            case "credentials" -> List.of(new FieldProblem("email", message("identity.signIn.error.credentials")));
            case "attempts" -> List.of(new FieldProblem("email", message("identity.signIn.error.attempts")));
            case "oidc" -> List.of(new FieldProblem("email", message("identity.signIn.error.oidc")));
            default -> List.of();
        };
        model.addAttribute("problems", problems);
        model.addAttribute("oidcName", properties.oidc() != null && properties.oidc().configured()
                ? (properties.oidc().displayName() == null || properties.oidc().displayName().isBlank()
                    ? message("identity.signIn.oidc.defaultName") : properties.oidc().displayName())
                : null);
        return "identity/signIn";
    }

    @GetMapping("/sign-in/two-factor")
    String secondFactorPage(Model model) {
        model.addAttribute("problems", List.of());
        return "identity/twoFactor";
    }

    @PostMapping("/sign-in/two-factor")
    String secondFactorCheck(@RequestParam(required = false) String code, Authentication authentication,
                             HttpServletRequest request, HttpServletResponse response, Model model) {
        CivitasPrincipal principal = (CivitasPrincipal) authentication.getPrincipal();
        if (secondFactor.verify(principal.accountId(), code)) {
            String target = signInFlow.target(request, response);
            signInFlow.completeSecondFactor(request, response);
            return "redirect:" + target;
        }
        HttpSession session = request.getSession();
        int attempts = session.getAttribute(ATTEMPTS) instanceof Integer n ? n + 1 : 1;
        session.setAttribute(ATTEMPTS, attempts);
        if (attempts >= SECOND_FACTOR_ATTEMPTS) {
            new SecurityContextLogoutHandler().logout(request, response, authentication);
            return "redirect:/sign-in?error=attempts";
        }
        String key = code == null || code.isBlank() ? "identity.twoFactor.code.required" : "identity.twoFactor.code.wrong";
        model.addAttribute("problems", List.of(new FieldProblem("code", message(key))));
        return "identity/twoFactor";
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
