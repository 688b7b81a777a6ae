package org.civitas.trust.tracker;

import org.civitas.platform.time.ShownTimes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.civitas.platform.CivitasProperties;
import org.civitas.trust.DataAccessEntry;
import org.civitas.trust.StaffNames;
import org.civitas.trust.Viewer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * "Who has seen my data" as a person reads it: for each access, when, who (organisation, team,
 * role, and the name of the member of staff only if the body allows it), why and what.
 */
@Component
public class DataTracker {

    /** One access as shown. {@code name} is null unless the body shows staff names. */
    public record Row(String at, String atIso, String kind, String action, boolean granted, String organisation, String team, String role, String name,
               String purpose, String detail, List<String> fields, String resource, boolean you) {
    }

    private final SubjectRights rights;
    private final MessageSource messages;
    private final CivitasProperties properties;
    private final ObjectProvider<StaffNames> staffNames;
    private final boolean showStaffNames;

    DataTracker(SubjectRights rights, MessageSource messages, CivitasProperties properties, ObjectProvider<StaffNames> staffNames,
                @Value("${civitas.show-staff-names:false}") boolean showStaffNames) {
        this.rights = rights;
        this.messages = messages;
        this.properties = properties;
        this.staffNames = staffNames;
        this.showStaffNames = showStaffNames;
    }

    List<Row> rows(UUID accountId, Locale locale) {
        return rights.accesses(accountId).stream().map(entry -> row(entry, accountId, locale)).toList();
    }

    private Row row(DataAccessEntry entry, UUID accountId, Locale locale) {
        Viewer viewer = entry.viewer();
        boolean you = Viewer.CITIZEN.equals(viewer.kind()) && accountId.equals(viewer.id());
        String organisation = viewer.organisation() != null ? viewer.organisation()
                : you ? message("trust.tracker.you", locale) : properties.bodyName();
        String role = viewer.role() == null ? message("trust.tracker.kind." + viewer.kind(), locale)
                : message("trust.tracker.role." + viewer.role(), locale);
        String name = null;
        if (showStaffNames && Viewer.STAFF.equals(viewer.kind()) && viewer.id() != null) {
            name = Optional.ofNullable(staffNames.getIfAvailable()).flatMap(names -> names.nameOf(viewer.id())).orElse(null);
        }
        String purpose = entry.purpose() == null ? message("trust.tracker.purpose.none", locale)
                : message("trust.purpose." + entry.purpose(), locale);
        List<String> fields = entry.fields().stream().map(field -> message("trust.field." + field, locale)).toList();
        return new Row(ShownTimes.dateTime(entry.at(), properties.timeZone(), locale), entry.at().atZone(properties.timeZone())
                .toOffsetDateTime().toString(), viewer.kind(), entry.action(), entry.granted(), organisation, viewer.team(), role, name, purpose,
                entry.detail(), fields, entry.resource(), you);
    }

    String actionLabel(String action, Locale locale) {
        return message("trust.action." + action, locale);
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
