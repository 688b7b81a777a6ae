package org.civitas.trust.tracker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.civitas.trust.AccessLog;
import org.civitas.trust.AccountDataErased;
import org.civitas.trust.DataAccess;
import org.civitas.trust.DataAccessEntry;
import org.civitas.trust.PersonalDataHolder;
import org.civitas.trust.Purposes;
import org.civitas.trust.Viewer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's rights over their data: to see who has reached it, to download it, and to have it
 * erased. The modules that hold personal data take part as {@link PersonalDataHolder}s.
 */
@Service
class SubjectRights {

    static final int TRACKER_LIMIT = 500;

    private final List<PersonalDataHolder> holders;
    private final AccessLog accessLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SubjectRights(List<PersonalDataHolder> holders, AccessLog accessLog, ApplicationEventPublisher events, Clock clock) {
        this.holders = holders;
        this.accessLog = accessLog;
        this.events = events;
        this.clock = clock;
    }

    Set<UUID> subjectsOf(UUID accountId) {
        Set<UUID> subjects = new LinkedHashSet<>();
        holders.forEach(holder -> subjects.addAll(holder.subjectsOf(accountId)));
        return subjects;
    }

    /** Every access to the person's data, newest first. */
    @Transactional(readOnly = true)
    public List<DataAccessEntry> accesses(UUID accountId) {
        return accessLog.about(subjectsOf(accountId), TRACKER_LIMIT);
    }

    /** Everything held about the person, readable; the download is itself recorded. */
    @Transactional
    public Map<String, Object> export(UUID accountId) {
        Set<UUID> subjects = subjectsOf(accountId);
        for (UUID subject : subjects) {
            accessLog.record(new DataAccess(Viewer.citizen(accountId), subject, DataAccess.EXPORT, true, List.of("all"),
                    Purposes.SUBJECT_EXPORT, null, null));
        }
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("exportedAt", clock.instant().toString());
        holders.forEach(holder -> export.putAll(holder.export(accountId)));
        List<Map<String, Object>> log = new ArrayList<>();
        for (DataAccessEntry entry : accessLog.about(subjects, Integer.MAX_VALUE)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", entry.at().toString());
            row.put("action", entry.action());
            row.put("outcome", entry.granted() ? "granted" : "refused");
            row.put("fields", entry.fields());
            row.put("purpose", entry.purpose());
            row.put("purposeDetail", entry.detail());
            row.put("resource", entry.resource());
            row.put("viewerKind", entry.viewer().kind());
            row.put("viewerOrganisation", entry.viewer().organisation());
            row.put("viewerTeam", entry.viewer().team());
            row.put("viewerRole", entry.viewer().role());
            log.add(row);
        }
        export.put("accessLog", log);
        return export;
    }

    /**
     * Crypto-shreds everything held about the person in one transaction: every holder erases its
     * part; the erasure is recorded against each subject (ids only) and published.
     */
    @Transactional
    public int erase(UUID accountId) {
        Set<UUID> subjects = subjectsOf(accountId);
        for (UUID subject : subjects) {
            accessLog.record(new DataAccess(Viewer.citizen(accountId), subject, DataAccess.ERASE, true, List.of("all"),
                    Purposes.SUBJECT_ERASURE, null, null));
        }
        holders.forEach(holder -> holder.erase(accountId));
        events.publishEvent(new AccountDataErased(accountId, subjects.size()));
        return subjects.size();
    }
}
