package org.civitas.identity.account;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.civitas.identity.Role;
import org.civitas.identity.StaffNames;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Staff names opened from the vault through {@link Accounts}; the staff of a body is small enough to read whole. */
@Component
class AccountStaffNames implements StaffNames {

    private final Accounts accounts;

    AccountStaffNames(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, String> names(Collection<UUID> accountIds) {
        Set<UUID> wanted = Set.copyOf(accountIds.stream().filter(java.util.Objects::nonNull).toList());
        Map<UUID, String> names = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return names;
        }
        accounts.staff().stream().filter(account -> wanted.contains(account.id()))
                .forEach(account -> names.put(account.id(), account.displayName()));
        return names;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Colleague> mayHandle(UUID teamId) {
        return accounts.staff().stream().filter(account -> !account.disabled())
                .filter(account -> account.roles().contains(Role.ADMINISTRATOR) || account.teamIds().contains(teamId))
                .map(account -> new Colleague(account.id(), account.displayName())).toList();
    }
}
