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

    static final String ADMIN = "admin@riverside.example";
    static final String MANAGER = "manager@riverside.example";
    static final String CASEWORKER = "caseworker@riverside.example";
    static final String CITIZEN = "citizen@riverside.example";

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
        accounts.createStaff(ADMIN, "Alex Admin", demo.passwordFor(ADMIN), Set.of(Role.ADMINISTRATOR), allTeams, null);
        accounts.createStaff(MANAGER, "Morgan Manager", demo.passwordFor(MANAGER), Set.of(Role.SERVICE_MANAGER), Set.of(highways), null);
        accounts.createStaff(CASEWORKER, "Casey Caseworker", demo.passwordFor(CASEWORKER), Set.of(Role.CASEWORKER), Set.of(highways), null);
        accounts.registerCitizen(CITIZEN, "Chris Citizen", demo.passwordFor(CITIZEN));
        var key = apiKeys.create("Demo key", properties.bodyName(), Set.copyOf(ApiScopes.ALL), null, demo.apiKey());
        demo.announce(demo.passwordFixed()
                ? "Staff (administrator, service manager, caseworker) and citizen sign-in, all with CIVITAS_DEMO_PASSWORD:"
                : "Staff (administrator, service manager, caseworker) and citizen sign-in, each with its own password:");
        for (String account : new String[] {ADMIN, MANAGER, CASEWORKER, CITIZEN}) {
            demo.announce("  " + account + "  " + demo.passwordFor(account));
        }
        demo.announce("API key (all scopes): " + key.secret());
    }
}
