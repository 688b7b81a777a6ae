package org.civitas.identity.account;

import java.util.Set;
import java.util.UUID;

import org.civitas.catalogue.Team;
import org.civitas.catalogue.Teams;
import org.civitas.identity.ApiScopes;
import org.civitas.identity.Role;
import org.civitas.identity.apikey.ApiKeys;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.DemoBody;
import org.civitas.platform.DemoSeeder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The demo body's people: one of each role, and an API key for trying the APIs. */
@Component
@Order(20)
class DemoAccounts implements DemoSeeder {

    private final AccountService accounts;
    private final ApiKeys apiKeys;
    private final Teams teams;
    private final CivitasProperties properties;

    DemoAccounts(AccountService accounts, ApiKeys apiKeys, Teams teams, CivitasProperties properties) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.teams = teams;
        this.properties = properties;
    }

    @Override
    public void seed(DemoBody demo) {
        Set<UUID> allTeams = teams.all().stream().map(Team::id).collect(java.util.stream.Collectors.toSet());
        UUID highways = teams.byCode("highways").map(Team::id).orElseThrow();
        accounts.createStaff("admin@riverside.example", "Alex Admin", demo.password(), Set.of(Role.ADMINISTRATOR), allTeams, null);
        accounts.createStaff("manager@riverside.example", "Morgan Manager", demo.password(), Set.of(Role.SERVICE_MANAGER),
                Set.of(highways), null);
        accounts.createStaff("caseworker@riverside.example", "Casey Caseworker", demo.password(), Set.of(Role.CASEWORKER),
                Set.of(highways), null);
        accounts.registerCitizen("citizen@riverside.example", "Chris Citizen", demo.password());
        var key = apiKeys.create("Demo key", properties.bodyName(), Set.copyOf(ApiScopes.ALL), null, demo.apiKey());
        demo.announce("Staff sign-in (administrator, service manager, caseworker):");
        demo.announce("  admin@riverside.example, manager@riverside.example, caseworker@riverside.example");
        demo.announce("Citizen sign-in: citizen@riverside.example");
        demo.announce("Password for all four: " + demo.password());
        demo.announce("API key (all scopes): " + key.secret());
    }
}
