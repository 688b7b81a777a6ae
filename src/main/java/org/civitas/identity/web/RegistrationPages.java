package org.civitas.identity.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.AccountPrincipal;
import org.civitas.identity.account.AccountService;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.PageController;
import org.springframework.context.MessageSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Citizens create an account with e-mail and password, and are signed in straight away. */
@PageController
class RegistrationPages {

    private final AccountService accounts;
    private final MessageSource messages;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    RegistrationPages(AccountService accounts, MessageSource messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/register")
    String form(Model model) {
        model.addAttribute("problems", List.of());
        model.addAttribute("name", "");
        model.addAttribute("email", "");
        return "identity/register";
    }

    @PostMapping("/register")
    String register(@RequestParam(required = false) String name, @RequestParam(required = false) String email,
                    @RequestParam(required = false) String password, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        Account account;
        try {
            account = accounts.registerCitizen(email, name, password);
        } catch (InvalidInput invalid) {
            model.addAttribute("problems", Forms.problems(messages, invalid.violations()));
            model.addAttribute("name", Forms.orEmpty(name));
            model.addAttribute("email", Forms.orEmpty(email));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "identity/register";
        }
        AccountPrincipal principal = new AccountPrincipal(account);
        principal.eraseCredentials();
        request.getSession(); // sign-in gets a new session id
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/account?registered";
    }
}
