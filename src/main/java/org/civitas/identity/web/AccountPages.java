package org.civitas.identity.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.Teams;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.Accounts;
import org.civitas.identity.mfa.SecondFactor;
import org.civitas.identity.security.SignInFlow;
import org.civitas.platform.AccountLanguages;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.Languages;
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
import org.springframework.web.servlet.LocaleResolver;

/** A person's own account page, and setting up the authenticator app for staff. */
@PageController
class AccountPages {

    private final Accounts accounts;
    private final Teams teams;
    private final SecondFactor secondFactor;
    private final SignInFlow signInFlow;
    private final CivitasProperties properties;
    private final MessageSource messages;

    private final java.time.Clock clock;
    private final Languages languages;
    private final AccountLanguages accountLanguages;
    private final LocaleResolver localeResolver;

    AccountPages(Accounts accounts, Teams teams, SecondFactor secondFactor, SignInFlow signInFlow,
                 CivitasProperties properties, MessageSource messages, java.time.Clock clock,
                 Languages languages, AccountLanguages accountLanguages, LocaleResolver localeResolver) {
        this.clock = clock;
        this.languages = languages;
        this.accountLanguages = accountLanguages;
        this.localeResolver = localeResolver;
        this.accounts = accounts;
        this.teams = teams;
        this.secondFactor = secondFactor;
        this.signInFlow = signInFlow;
        this.properties = properties;
        this.messages = messages;
    }

    @GetMapping("/account")
    String account(Authentication authentication, HttpServletRequest request, Model model) {
        CivitasPrincipal principal = (CivitasPrincipal) authentication.getPrincipal();
        Account account = accounts.byId(principal.accountId()).orElseThrow();
        model.addAttribute("account", account);
        model.addAttribute("roles", account.roles().stream().map(role -> message("identity.role." + role.code())).sorted().toList());
        model.addAttribute("teams", teams.byIds(account.teamIds()).stream().map(Team::name).toList());
        model.addAttribute("secondFactor", account.staff() && secondFactor.enrolled(account.id()));
        model.addAttribute("registered", request.getParameter("registered") != null);
        model.addAttribute("administrator", account.roles().contains(Role.ADMINISTRATOR));
        model.addAttribute("promptSecondFactor", account.staff() && !secondFactor.enrolled(account.id()));
        model.addAttribute("language", languages.choice()
                ? accountLanguages.of(account.id()).filter(languages::speaks).orElse(Languages.current()) : null);
        return "identity/account";
    }

    /** The language Civitas speaks to this person, kept on the account (and in the cookie) when Welsh is on (issue 20). */
    @GetMapping("/account/language")
    String languagePage(Authentication authentication, Model model) {
        if (!languages.choice()) {
            return "redirect:/account";
        }
        CivitasPrincipal principal = (CivitasPrincipal) authentication.getPrincipal();
        String chosen = accountLanguages.of(principal.accountId()).filter(languages::speaks).orElse(Languages.current());
        return languagePage(chosen, List.of(), model);
    }

    @PostMapping("/account/language")
    String chooseLanguage(@RequestParam(required = false) String language, Authentication authentication,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!languages.choice()) {
            return "redirect:/account";
        }
        if (!languages.speaks(language)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return languagePage(null, List.of(new FieldProblem("language", message("identity.account.language.required"))), model);
        }
        String code = language.strip().toLowerCase(java.util.Locale.ROOT);
        CivitasPrincipal principal = (CivitasPrincipal) authentication.getPrincipal();
        accountLanguages.choose(principal.accountId(), code);
        localeResolver.setLocale(request, response, Languages.locale(code));
        return "redirect:/account";
    }

    private String languagePage(String chosen, List<FieldProblem> problems, Model model) {
        model.addAttribute("languages", languages.enabled());
        model.addAttribute("chosen", chosen);
        model.addAttribute("problems", problems);
        return "identity/accountLanguage";
    }

    @GetMapping("/account/two-factor")
    String setUp(Authentication authentication, Model model) {
        CivitasPrincipal principal = (CivitasPrincipal) authentication.getPrincipal();
        if (secondFactor.enrolled(principal.accountId())) {
            return "redirect:/account";
        }
        return setUpPage(principal, List.of(), model);
    }

    @PostMapping("/account/two-factor")
    String confirm(@RequestParam(required = false) String code, Authentication authentication,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        CivitasPrincipal principal = (CivitasPrincipal) authentication.getPrincipal();
        if (secondFactor.enrolled(principal.accountId())) {
            // the app in force is never shown again, whatever is posted here
            return "redirect:/account";
        }
        var recoveryCodes = secondFactor.confirm(principal.accountId(), code);
        if (recoveryCodes.isEmpty()) {
            String key = code == null || code.isBlank() ? "identity.twoFactor.code.required" : "identity.twoFactor.code.wrong";
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return setUpPage(principal, List.of(new FieldProblem("code", message(key))), model);
        }
        if (SignInFlow.secondFactorSetupDue(authentication)) {
            signInFlow.completeSecondFactor(request, response);
        }
        model.addAttribute("codes", recoveryCodes.get());
        return "identity/recoveryCodes";
    }

    /** Replacing the app (a new phone): only with a code from the current one, counted like any other. */
    @GetMapping("/account/two-factor/replace")
    String replacePage(Authentication authentication, Model model) {
        CivitasPrincipal principal = (CivitasPrincipal) authentication.getPrincipal();
        if (!secondFactor.enrolled(principal.accountId())) {
            return "redirect:/account/two-factor";
        }
        model.addAttribute("problems", List.of());
        return "identity/twoFactorReplace";
    }

    @PostMapping("/account/two-factor/replace")
    String replace(@RequestParam(required = false) String code, Authentication authentication,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        CivitasPrincipal principal = (CivitasPrincipal) authentication.getPrincipal();
        if (!secondFactor.enrolled(principal.accountId())) {
            return "redirect:/account/two-factor";
        }
        SecondFactor.Outcome outcome = secondFactor.replace(principal.accountId(), code);
        switch (outcome.check()) {
            case ACCEPTED -> {
                return "redirect:/account/two-factor";
            }
            case LOCKED -> {
                new SecurityContextLogoutHandler().logout(request, response, authentication);
                return "redirect:/sign-in?error=attempts";
            }
            default -> {
                if (outcome.check() == SecondFactor.Check.SLOWED) {
                    SignInPages.slowed(response, outcome, clock);
                } else {
                    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                }
                model.addAttribute("problems", List.of(new FieldProblem("code", message(SignInPages.problem(outcome, code)))));
                return "identity/twoFactorReplace";
            }
        }
    }

    private String setUpPage(CivitasPrincipal principal, List<FieldProblem> problems, Model model) {
        Account account = accounts.byId(principal.accountId()).orElseThrow();
        var offered = secondFactor.begin(account.id(), properties.bodyName(), account.email());
        if (offered.isEmpty()) {
            return "redirect:/account";
        }
        SecondFactor.Enrolment enrolment = offered.get();
        model.addAttribute("enrolment", enrolment);
        model.addAttribute("problems", problems);
        model.addAttribute("required", properties.staffMfaRequired());
        return "identity/twoFactorSetup";
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    static boolean isStaff(Account account) {
        return account.roles().stream().anyMatch(Role::staff);
    }
}
