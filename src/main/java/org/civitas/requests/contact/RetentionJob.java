package org.civitas.requests.contact;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.civitas.catalogue.Service;
import org.civitas.catalogue.Services;
import org.civitas.platform.CivitasProperties;
import org.civitas.requests.RequesterDataErased;
import org.civitas.trust.AccessLog;
import org.civitas.trust.DataAccess;
import org.civitas.trust.PersonalData;
import org.civitas.trust.Purposes;
import org.civitas.trust.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases the requester's contact details once a finished request (resolved, closed, rejected, a
 * duplicate) has been finished for longer than its service keeps personal data. Each batch is one
 * transaction that claims its requests with {@code FOR UPDATE SKIP LOCKED}, so several nodes may
 * run the job at once without doing the same request twice; each erasure is written to the access
 * log and published.
 */
@Component
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final Services services;
    private final PersonalData vault;
    private final AccessLog accessLog;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final CivitasProperties properties;
    private final Clock clock;

    RetentionJob(JdbcClient jdbc, Services services, PersonalData vault, AccessLog accessLog, ApplicationEventPublisher events,
                 TransactionTemplate transactions, CivitasProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.services = services;
        this.vault = vault;
        this.accessLog = accessLog;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${civitas.retention.initial-delay:PT2M}", fixedDelayString = "${civitas.retention.interval:PT1H}")
    void scheduled() {
        int erased = run();
        if (erased > 0) {
            log.info("Retention: erased the contact details of {} finished requests", erased);
        }
    }

    /** Erases everything due, a batch at a time; returns how many requests' contact details were erased. */
    int run() {
        int total = 0;
        int done;
        do {
            Integer batch = transactions.execute(status -> batch());
            done = batch == null ? 0 : batch;
            total += done;
        } while (done == BATCH);
        return total;
    }

    private int batch() {
        Instant now = clock.instant();
        List<Service> all = services.all();
        UUID[] ids = all.stream().map(Service::id).toArray(UUID[]::new);
        UUID[] privateServices = all.stream().filter(Service::privateRequests).map(Service::id).toArray(UUID[]::new);
        Integer[] days = all.stream().map(Service::retentionDays).toArray(Integer[]::new);
        record Due(UUID id, String reference, UUID requesterSubject, int retentionDays) {
        }
        List<Due> due = jdbc.sql("""
                        select r.id, r.reference, r.requester_subject, k.days as retention_days
                        from requests.service_request r
                        join unnest(?::uuid[], ?::int[]) as k(service_id, days) on k.service_id = r.service_id
                        where r.finished_at is not null and r.requester_subject is not null and r.requester_erased_at is null
                          and r.status in ('resolved', 'closed', 'rejected', 'duplicate') and r.finished_at < ?::timestamptz - make_interval(days => k.days)
                        order by r.finished_at
                        limit ?
                        for update of r skip locked""")
                .params(ids, days, Timestamp.from(now), BATCH).query(Due.class).list();
        for (Due each : due) {
            // recorded while the subject can still seal nothing more: the entry itself holds ids only
            accessLog.record(new DataAccess(Viewer.system(properties.bodyName()), each.requesterSubject(), DataAccess.RETENTION, true,
                    List.of("all"), Purposes.RETENTION, null, each.reference()));
            vault.erase(each.requesterSubject());
            jdbc.sql("update requests.service_request set requester_erased_at = ? where id = ?")
                    .params(Timestamp.from(now), each.id()).update();
            PrivateRequestText.clear(jdbc, List.of(each.id()), privateServices);
            events.publishEvent(new RequesterDataErased(each.id(), each.requesterSubject(), each.retentionDays()));
        }
        return due.size();
    }
}
