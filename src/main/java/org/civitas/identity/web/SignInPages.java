package org.civitas.identity.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

    private final MessageSource messages;
    private final CivitasProperties properties;
    private final SecondFactor secondFactor;
    private final SignInFlow signInFlow;

    private final java.time.Clock clock;

    SignInPages(MessageSource messages, CivitasProperties properties, SecondFactor secondFactor, SignInFlow signInFlow,
                java.time.Clock clock) {
        this.clock = clock;
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
        SecondFactor.Outcome outcome = secondFactor.verify(principal.accountId(), code);
        switch (outcome.check()) {
            case ACCEPTED -> {
                String target = signInFlow.target(request, response);
                signInFlow.completeSecondFactor(request, response);
                return "redirect:" + target;
            }
            case LOCKED -> {
                new SecurityContextLogoutHandler().logout(request, response, authentication);
                return "redirect:/sign-in?error=attempts";
            }
            default -> {
                model.addAttribute("problems", List.of(new FieldProblem("code", message(problem(outcome, code)))));
                if (outcome.check() == SecondFactor.Check.SLOWED) {
                    slowed(response, outcome, clock);
                }
                return "identity/twoFactor";
            }
        }
    }

    /** The message for a code that was refused without completing the step. */
    static String problem(SecondFactor.Outcome outcome, String code) {
        if (outcome.check() == SecondFactor.Check.SLOWED) {
            return "identity.twoFactor.code.slowed";
        }
        return code == null || code.isBlank() ? "identity.twoFactor.code.required" : "identity.twoFactor.code.wrong";
    }

    /** 429 with the seconds to wait, as every throttled answer of Civitas. */
    static void slowed(HttpServletResponse response, SecondFactor.Outcome outcome, java.time.Clock clock) {
        response.setStatus(429);
        long seconds = Math.max(1, java.time.Duration.between(clock.instant(), outcome.retryAt()).toSeconds() + 1);
        response.setHeader("Retry-After", Long.toString(seconds));
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
