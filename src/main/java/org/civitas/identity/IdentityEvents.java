package org.civitas.identity;

import java.util.Set;
import java.util.UUID;

/**
 * Domain events of the identity module. None carries personal data (no e-mail, no name): the
 * account id is enough for a listener to ask for what it is entitled to see.
 */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    public record AccountRegistered(UUID accountId, String method) {
    }

    public record StaffAccountCreated(UUID accountId, Set<Role> roles, Set<UUID> teamIds, UUID createdBy) {
    }

    /** An administrator changed a member of staff's roles or teams; their sessions end so the change applies at once. */
    public record StaffAccountChanged(UUID accountId, Set<Role> roles, Set<UUID> teamIds, UUID changedBy) {
    }

    /** An administrator deactivated a staff account: it can no longer sign in, and its sessions end. */
    public record StaffAccountDeactivated(UUID accountId, UUID deactivatedBy) {
    }

    /** An administrator let a deactivated staff account sign in again, with the roles and teams it had. */
    public record StaffAccountReactivated(UUID accountId, UUID reactivatedBy) {
    }

    /** A signed-in person chose the language ({@code en} or {@code cy}) Civitas speaks to them in (issue 20). */
    public record AccountLanguageChosen(UUID accountId, String language) {
    }

    public record SignedIn(UUID accountId, String method) {
    }

    /** {@code reason} is one of bad-credentials, throttled, locked, bad-second-factor. */
    public record SignInFailed(String reason) {
    }

    public record SignedOut(UUID accountId) {
    }

    /** The account's password hash was made again with the current (stronger) parameters, at a right sign-in. */
    public record PasswordHashUpgraded(UUID accountId) {
    }

    public record SecondFactorEnrolled(UUID accountId) {
    }

    public record RecoveryCodeUsed(UUID accountId) {
    }

    /**
     * A second-factor code was refused: {@code reason} is wrong-code (checked and wrong), slowed (too soon
     * after the last wrong one: not checked) or locked (the account's second factor is locked: not checked);
     * {@code failures} is the account's count of wrong codes since the last right one.
     */
    public record SecondFactorFailed(UUID accountId, String reason, int failures) {
    }

    /** The person replaced their authenticator app after proving they hold the current one. */
    public record SecondFactorReplaced(UUID accountId) {
    }

    /** An administrator removed a member of staff's authenticator app; they set up a new one at their next sign-in. */
    public record SecondFactorReset(UUID accountId, UUID resetBy) {
    }

    public record ApiKeyCreated(UUID keyId, Set<String> scopes, UUID createdBy) {
    }

    public record ApiKeyRevoked(UUID keyId, UUID revokedBy) {
    }

    /** The person had their data erased: the account is closed and keeps no personal data. */
    public record AccountErased(UUID accountId) {
    }
}
