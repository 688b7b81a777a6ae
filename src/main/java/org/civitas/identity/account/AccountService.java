package org.civitas.identity.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.civitas.catalogue.Teams;
import org.civitas.identity.IdentityEvents.AccountRegistered;
import org.civitas.identity.IdentityEvents.StaffAccountChanged;
import org.civitas.identity.IdentityEvents.StaffAccountCreated;
import org.civitas.identity.IdentityEvents.StaffAccountDeactivated;
import org.civitas.identity.IdentityEvents.StaffAccountReactivated;
import org.civitas.identity.Role;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering citizens and creating staff accounts: the rules each input must meet, then one transaction. */
@Service
public class AccountService {

    public static final int PASSWORD_MIN = 10;
    public static final int PASSWORD_MAX = 128;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Set<String> COMMON_PASSWORDS = Set.of("password123", "password1234", "1234567890",
            "qwertyuiop", "123456789a", "iloveyou123", "letmein1234", "welcome123", "passw0rd123", "administrator");

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Teams teams;
    private final Clock clock;

    AccountService(Accounts accounts, PasswordEncoder passwords, ApplicationEventPublisher events, Teams teams, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.events = events;
        this.teams = teams;
        this.clock = clock;
    }

    @Transactional
    public Account registerCitizen(String email, String displayName, String password) {
        List<Violation> violations = new ArrayList<>();
        checkName(displayName, violations); // in the order the form asks, so the error summary reads the same way
        checkEmail(email, violations);
        checkPassword(password, email, violations);
        if (violations.isEmpty() && accounts.emailTaken(email)) {
            violations.add(new Violation("email", "identity.register.email.taken"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        Account account = accounts.insert("citizen", email, displayName.trim(), passwords.encode(password),
                clock.instant(), Set.of(Role.CITIZEN), List.of());
        events.publishEvent(new AccountRegistered(account.id(), "password"));
        return account;
    }

    /** Creates a staff account; {@code password} is the initial one, which the administrator passes on. */
    @Transactional
    public Account createStaff(String email, String displayName, String password, Set<Role> roles, Set<UUID> teamIds, UUID createdBy) {
        List<Violation> violations = new ArrayList<>();
        checkName(displayName, violations); // in the order the form asks, so the error summary reads the same way
        checkEmail(email, violations);
        checkPassword(password, email, violations);
        if (roles.isEmpty() || roles.stream().noneMatch(Role::staff) || roles.contains(Role.CITIZEN)) {
            violations.add(new Violation("role", "identity.staff.role.required"));
        }
        if (teams.byIds(teamIds).size() != teamIds.size()) {
            violations.add(new Violation("teams", "identity.staff.teams.unknown"));
        }
        if (violations.isEmpty() && accounts.emailTaken(email)) {
            violations.add(new Violation("email", "identity.staff.email.taken"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        Account account = accounts.insert("staff", email, displayName.trim(), passwords.encode(password),
                clock.instant(), roles, teamIds);
        events.publishEvent(new StaffAccountCreated(account.id(), Set.copyOf(roles), Set.copyOf(teamIds), createdBy));
        return account;
    }

    /**
     * Changes a member of staff's role and teams. An administrator cannot take the administrator role
     * from themselves, so that the body is never left without one by mistake.
     */
    @Transactional
    public Account changeStaff(UUID accountId, Set<Role> roles, Set<UUID> teamIds, UUID changedBy) {
        Account account = accounts.byId(accountId).filter(Account::staff).orElseThrow(StaffAccountNotFound::new);
        List<Violation> violations = new ArrayList<>();
        if (roles.isEmpty() || roles.stream().noneMatch(Role::staff) || roles.contains(Role.CITIZEN)) {
            violations.add(new Violation("role", "identity.staff.role.required"));
        }
        else if (accountId.equals(changedBy) && account.roles().contains(Role.ADMINISTRATOR) && !roles.contains(Role.ADMINISTRATOR)) {
            violations.add(new Violation("role", "identity.staff.role.self"));
        }
        if (teams.byIds(teamIds).size() != teamIds.size()) {
            violations.add(new Violation("teams", "identity.staff.teams.unknown"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        accounts.replaceRolesAndTeams(accountId, roles, teamIds);
        accounts.endSessions(accountId);
        events.publishEvent(new StaffAccountChanged(accountId, Set.copyOf(roles), Set.copyOf(teamIds), changedBy));
        return accounts.byId(accountId).orElseThrow();
    }

    /** Deactivates a staff account: it cannot sign in any more and its sessions end. Nobody deactivates themselves. */
    @Transactional
    public Account deactivateStaff(UUID accountId, UUID deactivatedBy) {
        Account account = accounts.byId(accountId).filter(Account::staff).orElseThrow(StaffAccountNotFound::new);
        if (accountId.equals(deactivatedBy)) {
            throw new InvalidInput(List.of(new Violation("deactivate", "identity.staff.deactivate.self")));
        }
        if (account.disabled()) {
            throw new InvalidInput(List.of(new Violation("deactivate", "identity.staff.deactivate.already")));
        }
        accounts.disable(accountId, clock.instant());
        accounts.endSessions(accountId);
        events.publishEvent(new StaffAccountDeactivated(accountId, deactivatedBy));
        return accounts.byId(accountId).orElseThrow();
    }

    /**
     * Lets a deactivated staff account sign in again, with the roles and teams it had. An account
     * whose person's data was erased stays deactivated: it no longer has an address or a name.
     */
    @Transactional
    public Account reactivateStaff(UUID accountId, UUID reactivatedBy) {
        Account account = accounts.byId(accountId).filter(Account::staff).orElseThrow(StaffAccountNotFound::new);
        if (!account.disabled()) {
            throw new InvalidInput(List.of(new Violation("reactivate", "identity.staff.reactivate.active")));
        }
        if (accounts.erased(accountId) || !accounts.enable(accountId)) {
            throw new InvalidInput(List.of(new Violation("reactivate", "identity.staff.reactivate.erased")));
        }
        events.publishEvent(new StaffAccountReactivated(accountId, reactivatedBy));
        return accounts.byId(accountId).orElseThrow();
    }

    @Transactional
    public Account createOidcCitizen(String issuer, String subject, String email, String displayName) {
        String name = displayName == null || displayName.isBlank() ? "" : displayName.trim();
        String address = email == null || email.isBlank() || accounts.emailTaken(email)
                ? subject + "@oidc.invalid" : email; // an address someone else registered stays theirs
        Account account = accounts.insert("citizen", address, name.length() > 100 ? name.substring(0, 100) : name,
                null, clock.instant(), Set.of(Role.CITIZEN), List.of());
        accounts.linkOidc(issuer, subject, account.id(), clock.instant());
        events.publishEvent(new AccountRegistered(account.id(), "oidc"));
        return account;
    }

    /** A first password for a staff account, for the administrator to pass on. */
    public static String initialPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    static void checkEmail(String email, List<Violation> violations) {
        if (email == null || email.isBlank()) {
            violations.add(new Violation("email", "identity.email.required"));
        } else if (email.trim().length() > 254 || !EMAIL.matcher(email.trim()).matches()) {
            violations.add(new Violation("email", "identity.email.format"));
        }
    }

    static void checkName(String name, List<Violation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "identity.name.required"));
        } else if (name.trim().length() > 100) {
            violations.add(new Violation("name", "identity.name.length"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            violations.add(new Violation("name", "identity.name.characters"));
        }
    }

    static void checkPassword(String password, String email, List<Violation> violations) {
        if (password == null || password.isEmpty()) {
            violations.add(new Violation("password", "identity.password.required"));
        } else if (password.length() < PASSWORD_MIN) {
            violations.add(new Violation("password", "identity.password.short"));
        } else if (password.length() > PASSWORD_MAX) {
            violations.add(new Violation("password", "identity.password.long"));
        } else if (COMMON_PASSWORDS.contains(password.toLowerCase()) || password.equalsIgnoreCase(email == null ? "" : email.trim())
                || password.chars().distinct().count() < 4) {
            violations.add(new Violation("password", "identity.password.guessable"));
        }
    }
}
