package org.civitas.catalogue.team;

import org.civitas.catalogue.Teams;
import org.civitas.platform.DemoBody;
import org.civitas.platform.DemoSeeder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Riverside Borough Council's teams; staff accounts are seeded after them. */
@Component
@Order(10)
class DemoTeams implements DemoSeeder {

    static final String[][] TEAMS = {
            {"highways", "Highways and street lighting"},
            {"waste", "Waste and recycling"},
            {"environment", "Environmental health"},
            {"parking", "Parking services"},
            {"parks", "Parks and trees"},
    };

    private final Teams teams;

    DemoTeams(Teams teams) {
        this.teams = teams;
    }

    @Override
    public void seed(DemoBody demo) {
        for (String[] team : TEAMS) {
            teams.create(team[0], team[1]);
        }
    }
}
