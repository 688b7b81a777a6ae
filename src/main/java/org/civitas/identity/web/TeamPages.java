package org.civitas.identity.web;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.TeamNotFound;
import org.civitas.catalogue.Teams;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.Accounts;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.PageController;
import org.civitas.platform.Violation;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Administrators' pages for the body's teams: list, add, rename, and who is in each. A person is
 * moved between teams on their own page ({@code /admin/staff/{id}}), through the same use case as
 * {@code /api/v1/admin/teams/{code}/members}.
 */
@PageController
class TeamPages {

    private final Teams teams;
    private final Accounts accounts;
    private final MessageSource messages;

    TeamPages(Teams teams, Accounts accounts, MessageSource messages) {
        this.teams = teams;
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/admin/teams")
    String list(@RequestParam(required = false) String added, Model model) {
        List<Account> staff = accounts.staff();
        model.addAttribute("teams", teams.all().stream()
                .map(team -> new TeamRow(team, staff.stream().filter(a -> a.teamIds().contains(team.id())).count())).toList());
        model.addAttribute("added", added == null ? null : teams.byCode(added).map(Team::name).orElse(null));
        return "identity/admin/teams";
    }

    @GetMapping("/admin/teams/new")
    String newTeam(Model model) {
        return newForm(model, List.of(), "", "");
    }

    @PostMapping("/admin/teams")
    String create(@RequestParam(required = false) String code, @RequestParam(required = false) String name,
                  HttpServletResponse response, Model model) {
        try {
            Team team = teams.create(code, name);
            return "redirect:/admin/teams?added=" + team.code();
        } catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return newForm(model, invalid.violations(), Forms.orEmpty(code), Forms.orEmpty(name));
        }
    }

    @GetMapping("/admin/teams/{code}")
    String edit(@PathVariable String code, @RequestParam(required = false) String renamed, Model model) {
        Team team = teams.byCode(code).orElseThrow(TeamNotFound::new);
        return editForm(model, team, List.of(), team.name(), renamed != null);
    }

    @PostMapping("/admin/teams/{code}")
    String rename(@PathVariable String code, @RequestParam(required = false) String name, HttpServletResponse response, Model model) {
        Team team = teams.byCode(code).orElseThrow(TeamNotFound::new);
        try {
            teams.rename(code, name);
            return "redirect:/admin/teams/" + team.code() + "?renamed";
        } catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return editForm(model, team, invalid.violations(), Forms.orEmpty(name), false);
        }
    }

    private String newForm(Model model, List<Violation> violations, String code, String name) {
        model.addAttribute("problems", Forms.problems(messages, violations));
        model.addAttribute("code", code);
        model.addAttribute("name", name);
        return "identity/admin/teamNew";
    }

    private String editForm(Model model, Team team, List<Violation> violations, String name, boolean renamed) {
        model.addAttribute("team", team);
        model.addAttribute("problems", Forms.problems(messages, violations));
        model.addAttribute("name", name);
        model.addAttribute("renamed", renamed);
        model.addAttribute("members", accounts.staff().stream().filter(a -> a.teamIds().contains(team.id())).toList());
        return "identity/admin/teamEdit";
    }
}
