package org.civitas.identity.web;

import org.civitas.catalogue.Team;

/** A row of the teams page: a team and how many staff are in it. */
public record TeamRow(Team team, long members) {
}
