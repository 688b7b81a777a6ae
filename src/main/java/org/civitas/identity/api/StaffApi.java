package org.civitas.identity.api;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.Teams;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.civitas.identity.account.Account;
import org.civitas.identity.account.AccountService;
import org.civitas.identity.account.Accounts;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators create staff accounts and give them roles and teams. */
@RestController
@RequestMapping("/api/v1/admin/staff")
@Tag(name = "Administration")
class StaffApi {

    record StaffMember(UUID id, String email, String name, List<String> roles, List<String> teams) {
    }

    record NewStaffMember(
            @Schema(example = "jo.bloggs@riverside.example") String email,
            @Schema(example = "Jo Bloggs") String name,
            @Schema(example = "[\"caseworker\"]") List<String> roles,
            @Schema(example = "[\"highways\"]") List<String> teams) {
    }

    record CreatedStaffMember(StaffMember staffMember,
                              @Schema(description = "The first password, shown this once; pass it on by a safe route.") String initialPassword) {
    }

    private final AccountService accountService;
    private final Accounts accounts;
    private final Teams teams;
    private final org.civitas.identity.mfa.SecondFactor secondFactor;

    StaffApi(AccountService accountService, Accounts accounts, Teams teams, org.civitas.identity.mfa.SecondFactor secondFactor) {
        this.secondFactor = secondFactor;
        this.accountService = accountService;
        this.accounts = accounts;
        this.teams = teams;
    }

    @GetMapping
    @Operation(summary = "List staff accounts")
    @ApiResponse(responseCode = "200", description = "Every member of staff", content = @Content(
            array = @ArraySchema(schema = @Schema(implementation = StaffMember.class)), examples = @ExampleObject(name = "staff", value = """
                    [{"id":"6f1c2a9e-0d51-4c1b-9b0f-1f3e1c2d3a4b","email":"caseworker@riverside.example","name":"Casey Worker",
                      "roles":["caseworker"],"teams":["highways"]}]""")))
    List<StaffMember> list() {
        return accounts.staff().stream().map(this::view).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a staff account", description = "Roles: caseworker, service_manager, administrator. Teams by code.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = NewStaffMember.class), examples = @ExampleObject(name = "caseworker", value = """
                            {"email":"jo.bloggs@riverside.example","name":"Jo Bloggs","roles":["caseworker"],"teams":["highways"]}"""))))
    @ApiResponse(responseCode = "201", description = "The account and its first password, shown this once", content = @Content(
            schema = @Schema(implementation = CreatedStaffMember.class), examples = @ExampleObject(name = "created", value = """
                    {"staffMember":{"id":"2d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a","email":"jo.bloggs@riverside.example","name":"Jo Bloggs",
                      "roles":["caseworker"],"teams":["highways"]},"initialPassword":"plum-Harbour-71-violet"}""")))
    @ApiResponse(responseCode = "422", description = "The e-mail, name, roles or teams break a rule: each field named; nothing is written")
    CreatedStaffMember create(@RequestBody NewStaffMember request, @AuthenticationPrincipal CivitasPrincipal administrator) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String code : request.roles() == null ? List.<String>of() : request.roles()) {
            roles.add(Role.fromCode(code).filter(Role::staff)
                    .orElseThrow(() -> new InvalidInput(List.of(new Violation("roles", "identity.staff.role.unknown")))));
        }
        Set<UUID> teamIds = new HashSet<>();
        for (String code : request.teams() == null ? List.<String>of() : request.teams()) {
            teamIds.add(teams.byCode(code).map(Team::id)
                    .orElseThrow(() -> new InvalidInput(List.of(new Violation("teams", "identity.staff.teams.unknown")))));
        }
        String password = AccountService.initialPassword();
        Account account = accountService.createStaff(request.email(), request.name(), password, roles, teamIds,
                administrator.accountId());
        return new CreatedStaffMember(view(account), password);
    }

    @PostMapping("/{id}/second-factor/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Reset a staff member's authenticator app",
            description = "For someone who lost their phone and their recovery codes: the app and the recovery codes are removed "
                    + "and the person's sessions end; they set up a new app at their next sign-in. Recorded in the audit log "
                    + "(SecondFactorReset). The secret of an app is never returned by any endpoint.")
    @ApiResponse(responseCode = "204", description = "Reset; the person sets up a new app at their next sign-in")
    @ApiResponse(responseCode = "404", description = "No staff account has this id")
    void resetSecondFactor(@org.springframework.web.bind.annotation.PathVariable UUID id,
                           @AuthenticationPrincipal CivitasPrincipal administrator) {
        accounts.byId(id).filter(Account::staff).orElseThrow(org.civitas.identity.account.StaffAccountNotFound::new);
        secondFactor.reset(id, administrator.accountId());
    }

    private StaffMember view(Account account) {
        return new StaffMember(account.id(), account.email(), account.displayName(),
                account.roles().stream().map(Role::code).sorted().toList(),
                teams.byIds(account.teamIds()).stream().map(Team::code).toList());
    }
}
