package org.civitas.identity.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.TeamNotFound;
import org.civitas.catalogue.Teams;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.AccountService;
import org.civitas.identity.account.Accounts;
import org.civitas.identity.account.StaffAccountNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators set up the body's teams and who is in them. Teams are the catalogue's
 * ({@link Teams} keeps their rules); membership is identity's and changes through
 * {@link AccountService#changeStaff}, the same use case as the staff pages, so the person's sessions
 * end and the change is audited as {@code identity.StaffAccountChanged}.
 */
@RestController
@RequestMapping("/api/v1/admin/teams")
@Tag(name = "Administration")
class TeamsApi {

    record TeamView(UUID id, String code, String name,
                    @Schema(description = "Ids of the staff accounts in the team") List<UUID> members) {
    }

    record NewTeam(@Schema(example = "building-control", description = "Lower-case letters, digits and hyphens; it cannot change later") String code,
                   @Schema(example = "Building control") String name) {
    }

    record TeamName(@Schema(example = "Building control and planning") String name) {
    }

    private final Teams teams;
    private final Accounts accounts;
    private final AccountService accountService;

    TeamsApi(Teams teams, Accounts accounts, AccountService accountService) {
        this.teams = teams;
        this.accounts = accounts;
        this.accountService = accountService;
    }

    @GetMapping
    @Operation(summary = "List teams", description = "Every team with the ids of its staff.")
    @ApiResponse(responseCode = "200", description = "The teams, by name", content = @Content(
            array = @ArraySchema(schema = @Schema(implementation = TeamView.class)), examples = @ExampleObject(name = "teams", value = """
                    [{"id":"0b6f3c2e-1d4a-4f5b-9c8d-7e6f5a4b3c2d","code":"highways","name":"Highways and street lighting",
                      "members":["6f1c2a9e-0d51-4c1b-9b0f-1f3e1c2d3a4b"]}]""")))
    List<TeamView> list() {
        List<Account> staff = accounts.staff();
        return teams.all().stream().map(team -> view(team, staff)).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a team",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = NewTeam.class), examples = @ExampleObject(name = "team", value = """
                            {"code":"building-control","name":"Building control"}"""))))
    @ApiResponse(responseCode = "201", description = "The team, with no members yet", content = @Content(
            schema = @Schema(implementation = TeamView.class), examples = @ExampleObject(name = "created", value = """
                    {"id":"4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d","code":"building-control","name":"Building control","members":[]}""")))
    @ApiResponse(responseCode = "422", description = "The code or name breaks a rule (code taken, wrong characters, name empty or too long): each field named; nothing is written")
    TeamView create(@RequestBody NewTeam request) {
        return view(teams.create(request.code(), request.name()), List.of());
    }

    @PutMapping("/{code}")
    @Operation(summary = "Rename a team", description = "The code stays as it is.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = TeamName.class), examples = @ExampleObject(name = "name", value = """
                            {"name":"Building control and planning"}"""))))
    @ApiResponse(responseCode = "200", description = "The team as it is now", content = @Content(
            schema = @Schema(implementation = TeamView.class), examples = @ExampleObject(name = "renamed", value = """
                    {"id":"4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d","code":"building-control","name":"Building control and planning","members":[]}""")))
    @ApiResponse(responseCode = "404", description = "No team has this code")
    @ApiResponse(responseCode = "422", description = "The name is empty or too long; nothing is written")
    TeamView rename(@PathVariable String code, @RequestBody TeamName request) {
        return view(teams.rename(code, request.name()), accounts.staff());
    }

    @PutMapping("/{code}/members/{accountId}")
    @Operation(summary = "Put a member of staff in a team",
            description = "Adds the team to the person's teams (moving someone is a PUT here and a DELETE from the old team). "
                    + "The person's sessions end so the change applies at once. Putting someone in twice changes nothing.")
    @ApiResponse(responseCode = "200", description = "The team as it is now", content = @Content(
            schema = @Schema(implementation = TeamView.class), examples = @ExampleObject(name = "member-added", value = """
                    {"id":"4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d","code":"building-control","name":"Building control","members":["6f1c2a9e-0d51-4c1b-9b0f-1f3e1c2d3a4b"]}""")))
    @ApiResponse(responseCode = "404", description = "No team has this code, or no staff account this id")
    TeamView addMember(@PathVariable String code, @PathVariable UUID accountId, @AuthenticationPrincipal CivitasPrincipal administrator) {
        return changeMembership(code, accountId, true, administrator);
    }

    @DeleteMapping("/{code}/members/{accountId}")
    @Operation(summary = "Take a member of staff out of a team", description = "The person's sessions end so the change applies at once.")
    @ApiResponse(responseCode = "200", description = "The team as it is now", content = @Content(
            schema = @Schema(implementation = TeamView.class), examples = @ExampleObject(name = "member-removed", value = """
                    {"id":"4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d","code":"building-control","name":"Building control","members":[]}""")))
    @ApiResponse(responseCode = "404", description = "No team has this code, or no staff account this id")
    TeamView removeMember(@PathVariable String code, @PathVariable UUID accountId, @AuthenticationPrincipal CivitasPrincipal administrator) {
        return changeMembership(code, accountId, false, administrator);
    }

    private TeamView changeMembership(String code, UUID accountId, boolean member, CivitasPrincipal administrator) {
        Team team = teams.byCode(code).orElseThrow(TeamNotFound::new);
        Account account = accounts.byId(accountId).filter(Account::staff).orElseThrow(StaffAccountNotFound::new);
        Set<UUID> teamIds = new HashSet<>(account.teamIds());
        boolean changed = member ? teamIds.add(team.id()) : teamIds.remove(team.id());
        if (changed) {
            accountService.changeStaff(accountId, account.roles(), teamIds, administrator.accountId());
        }
        return view(team, accounts.staff());
    }

    private static TeamView view(Team team, List<Account> staff) {
        return new TeamView(team.id(), team.code(), team.name(),
                staff.stream().filter(account -> account.teamIds().contains(team.id())).map(Account::id).sorted().toList());
    }
}
