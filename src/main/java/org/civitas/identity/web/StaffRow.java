package org.civitas.identity.web;

import java.util.List;

import org.civitas.identity.account.Account;

/** One line of the staff accounts table, with role and team names in the reader's words. */
public record StaffRow(Account account, List<String> roles, List<String> teams) {
}
