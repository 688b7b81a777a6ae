package org.civitas.identity.web;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.Teams;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.AccountService;
import org.civitas.identity.account.Accounts;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.PageController;
import org.civitas.platform.Violation;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Administrators' pages: staff accounts and API keys. */
@PageController
class AdminPages {

    private final Accounts accounts;
    private final AccountService accountService;
    private final ApiKeys apiKeys;
    private final Teams teams;
    private final MessageSource messages;
    private final org.civitas.platform.CivitasProperties properties;

    private final org.civitas.identity.mfa.SecondFactor secondFactor;

    AdminPages(Accounts accounts, AccountService accountService, ApiKeys apiKeys, Teams teams, MessageSource messages,
               org.civitas.platform.CivitasProperties properties, org.civitas.identity.mfa.SecondFactor secondFactor) {
        this.secondFactor = secondFactor;
        this.properties = properties;
        this.accounts = accounts;
        this.accountService = accountService;
        this.apiKeys = apiKeys;
        this.teams = teams;
        this.messages = messages;
    }

    @GetMapping("/admin/staff")
    String staff(@RequestParam(required = false) String deactivated, Model model) {
        model.addAttribute("deactivated", deactivated != null);
        model.addAttribute("staff", accounts.staff().stream().map(account -> new StaffRow(account,
                account.roles().stream().map(role -> messages.getMessage("identity.role." + role.code(), null, org.springframework.context.i18n.LocaleContextHolder.getLocale())).sorted().toList(),
                teams.byIds(account.teamIds()).stream().map(Team::name).toList())).toList());
        return "identity/admin/staff";
    }

    @GetMapping("/admin/staff/new")
    String newStaff(Model model) {
        return staffForm(model, List.of(), "", "", null, Set.of());
    }

    @PostMapping("/admin/staff")
    String createStaff(@RequestParam(required = false) String name, @RequestParam(required = false) String email,
                       @RequestParam(required = false) String role, @RequestParam(name = "teams", required = false) List<String> teamCodes,
                       @AuthenticationPrincipal CivitasPrincipal administrator, HttpServletResponse response, Model model) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Role.fromCode(role == null ? "" : role).filter(Role::staff).ifPresent(roles::add);
        Set<String> chosen = teamCodes == null ? Set.of() : new LinkedHashSet<>(teamCodes);
        Set<UUID> teamIds = new HashSet<>();
        chosen.forEach(code -> teams.byCode(code).ifPresent(team -> teamIds.add(team.id())));
        if (teamIds.size() != chosen.size()) {
            teamIds.add(UUID.randomUUID()); // an unknown code: let the service name the field
        }
        String password = AccountService.initialPassword();
        try {
            Account account = accountService.createStaff(email, name, password, roles, teamIds, administrator.accountId());
            model.addAttribute("account", account);
            model.addAttribute("password", password);
            return "identity/admin/staffCreated";
        } catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return staffForm(model, invalid.violations(), Forms.orEmpty(name), Forms.orEmpty(email), role, chosen);
        }
    }

    private String staffForm(Model model, List<Violation> violations, String name, String email,
                             String role, Set<String> chosen) {
        model.addAttribute("problems", Forms.problems(messages, violations));
        model.addAttribute("name", name);
        model.addAttribute("email", email);
        model.addAttribute("role", role == null ? "" : role);
        model.addAttribute("chosenTeams", chosen);
        model.addAttribute("teams", teams.all());
        return "identity/admin/staffNew";
    }

    @GetMapping("/admin/staff/{id}")
    String editStaff(@PathVariable UUID id, @RequestParam(required = false) String done, Model model) {
        Account account = accounts.byId(id).filter(Account::staff).orElseThrow(org.civitas.identity.account.StaffAccountNotFound::new);
        model.addAttribute("done", "changed".equals(done) || "reactivated".equals(done) || "second-factor-reset".equals(done) ? done : null);
        return editForm(model, account, List.of(), account.roles().stream().filter(Role::staff)
                        .max(java.util.Comparator.naturalOrder()).map(Role::code).orElse(""),
                teams.byIds(account.teamIds()).stream().map(Team::code).collect(java.util.stream.Collectors.toSet()));
    }

    @PostMapping("/admin/staff/{id}")
    String changeStaff(@PathVariable UUID id, @RequestParam(required = false) String role,
                       @RequestParam(name = "teams", required = false) List<String> teamCodes,
                       @AuthenticationPrincipal CivitasPrincipal administrator, HttpServletResponse response, Model model) {
        Account account = accounts.byId(id).filter(Account::staff).orElseThrow(org.civitas.identity.account.StaffAccountNotFound::new);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Role.fromCode(role == null ? "" : role).filter(Role::staff).ifPresent(roles::add);
        Set<String> chosen = teamCodes == null ? Set.of() : new LinkedHashSet<>(teamCodes);
        Set<UUID> teamIds = new HashSet<>();
        chosen.forEach(code -> teams.byCode(code).ifPresent(team -> teamIds.add(team.id())));
        if (teamIds.size() != chosen.size()) {
            teamIds.add(UUID.randomUUID()); // an unknown code: let the service name the field
        }
        try {
            accountService.changeStaff(id, roles, teamIds, administrator.accountId());
            return "redirect:/admin/staff/" + id + "?done=changed";
        } catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("done", null);
            return editForm(model, account, invalid.violations(), role, chosen);
        }
    }

    @PostMapping("/admin/staff/{id}/deactivate")
    String deactivateStaff(@PathVariable UUID id, @AuthenticationPrincipal CivitasPrincipal administrator,
                           HttpServletResponse response, Model model) {
        Account account = accounts.byId(id).filter(Account::staff).orElseThrow(org.civitas.identity.account.StaffAccountNotFound::new);
        try {
            accountService.deactivateStaff(id, administrator.accountId());
            return "redirect:/admin/staff?deactivated";
        } catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("done", null);
            return editForm(model, account, invalid.violations(), account.roles().stream().filter(Role::staff)
                            .max(java.util.Comparator.naturalOrder()).map(Role::code).orElse(""),
                    teams.byIds(account.teamIds()).stream().map(Team::code).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @PostMapping("/admin/staff/{id}/reactivate")
    String reactivateStaff(@PathVariable UUID id, @AuthenticationPrincipal CivitasPrincipal administrator,
                           HttpServletResponse response, Model model) {
        Account account = accounts.byId(id).filter(Account::staff).orElseThrow(org.civitas.identity.account.StaffAccountNotFound::new);
        try {
            accountService.reactivateStaff(id, administrator.accountId());
            return "redirect:/admin/staff/" + id + "?done=reactivated";
        } catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("done", null);
            return editForm(model, account, invalid.violations(), account.roles().stream().filter(Role::staff)
                            .max(java.util.Comparator.naturalOrder()).map(Role::code).orElse(""),
                    teams.byIds(account.teamIds()).stream().map(Team::code).collect(java.util.stream.Collectors.toSet()));
        }
    }

    /** The person's authenticator app and recovery codes go, and so do their sessions: they set up a new app at their next sign-in. */
    @PostMapping("/admin/staff/{id}/second-factor/reset")
    String resetSecondFactor(@PathVariable UUID id, @AuthenticationPrincipal CivitasPrincipal administrator) {
        accounts.byId(id).filter(Account::staff).orElseThrow(org.civitas.identity.account.StaffAccountNotFound::new);
        secondFactor.reset(id, administrator.accountId());
        return "redirect:/admin/staff/" + id + "?done=second-factor-reset";
    }

    private String editForm(Model model, Account account, List<Violation> violations, String role, Set<String> chosen) {
        model.addAttribute("account", account);
        model.addAttribute("secondFactor", secondFactor.enrolled(account.id()));
        model.addAttribute("problems", Forms.problems(messages, violations));
        model.addAttribute("role", role == null ? "" : role);
        model.addAttribute("chosenTeams", chosen);
        model.addAttribute("teams", teams.all());
        return "identity/admin/staffEdit";
    }

    @GetMapping("/admin/api-keys")
    String apiKeys(Model model) {
        return apiKeyPage(model, List.of(), "", "", Set.of());
    }

    @PostMapping("/admin/api-keys")
    String createApiKey(@RequestParam(required = false) String name, @RequestParam(required = false) String owner,
                        @RequestParam(name = "scopes", required = false) List<String> scopes,
                        @AuthenticationPrincipal CivitasPrincipal administrator, HttpServletResponse response, Model model) {
        Set<String> chosen = scopes == null ? Set.of() : new LinkedHashSet<>(scopes);
        try {
            ApiKeys.CreatedKey created = apiKeys.create(name, owner, chosen, administrator.accountId());
            model.addAttribute("created", created);
            return "identity/admin/apiKeyCreated";
        } catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return apiKeyPage(model, invalid.violations(), Forms.orEmpty(name), Forms.orEmpty(owner), chosen);
        }
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revokeApiKey(@PathVariable UUID id, @AuthenticationPrincipal CivitasPrincipal administrator) {
        apiKeys.revoke(id, administrator.accountId());
        return "redirect:/admin/api-keys?revoked";
    }

    private String apiKeyPage(Model model, List<Violation> violations, String name, String owner, Set<String> chosen) {
        model.addAttribute("keys", apiKeys.all());
        model.addAttribute("problems", Forms.problems(messages, violations));
        model.addAttribute("name", name);
        model.addAttribute("owner", owner);
        model.addAttribute("chosenScopes", chosen);
        model.addAttribute("scopes", ApiScopes.ALL);
        return "identity/admin/apiKeys";
    }
}
