package org.civitas.requests.open311;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceStatus;
import org.civitas.catalogue.ServiceType;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.RequestStatus;
import org.civitas.requests.cases.ServiceRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request list is written straight from the rows; it must give exactly the bytes the earlier
 * rendering gave (each request built as a map, written by Jackson's data binding or the XML element
 * walk, datetimes by {@code ISO_OFFSET_DATE_TIME}), in both formats, whatever the text and the dates.
 */
class Open311RequestListRenderingTest {

    private static final String[] TEXTS = {"", "plain", "quote \" backslash \\ slash /", "tab\tnewline\ncr\r",
            "control \u0001\u001f", "markup-ish & < > ]]> '", "café naïve", "emoji \uD83D\uDE00 and \u2028\u2029",
            "Ünïcödé \u4e2d\u6587", "a".repeat(3000)};

    private final Random random = new Random(20261128);

    @Test
    void sameBytesAsTheMapsInBothFormatsAcrossZonesTextsAndDates() {
        for (String zoneName : List.of("Europe/London", "UTC", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kathmandu",
                "America/Sao_Paulo")) {
            ZoneId zone = ZoneId.of(zoneName);
            List<Service> services = new ArrayList<>();
            Map<UUID, String> teamNames = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                UUID team = i == 4 ? null : UUID.randomUUID();
                if (team != null && i != 3) {
                    teamNames.put(team, "Team " + TEXTS[random.nextInt(TEXTS.length)]);
                }
                services.add(new Service(UUID.randomUUID(), "code" + i, "Service " + TEXTS[random.nextInt(TEXTS.length)], "d",
                        "g", List.of(), ServiceType.REALTIME, ServiceStatus.LIVE, team, null, 1, 365));
            }
            Map<UUID, Service> byId = new LinkedHashMap<>();
            services.forEach(service -> byId.put(service.id(), service));

            List<ServiceRequest> requests = new ArrayList<>();
            List<Instant> near = transitions(zone);
            Instant newest = Instant.now();
            for (int i = 0; i < 1500; i++) {
                // newest first, as a list is; some requests of an unknown (deleted) service
                Instant requested = newest.minusSeconds(i * 9_000L + random.nextInt(9_000));
                UUID serviceId = random.nextInt(20) == 0 ? UUID.randomUUID() : services.get(random.nextInt(services.size())).id();
                requests.add(new ServiceRequest(UUID.randomUUID(), "CIV-" + i, serviceId, "code" + random.nextInt(5), 1,
                        RequestStatus.values()[random.nextInt(RequestStatus.values().length)], text(), coordinate(90), coordinate(180),
                        text(), text(), text(), Channel.values()[random.nextInt(Channel.values().length)], requested,
                        instant(requested, near), instant(requested, near), text(), text()));
            }
            // dates at and around the zone's transitions, and outside four-digit years
            for (Instant at : near) {
                requests.add(new ServiceRequest(UUID.randomUUID(), "CIV-T", byId.keySet().iterator().next(), "code0", 1,
                        RequestStatus.SUBMITTED, null, null, null, null, null, null, Channel.OPEN311, at, at.minusSeconds(1),
                        at.plusSeconds(1), null, null));
            }
            for (String far : List.of("0999-12-31T23:59:59Z", "1000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                    "+10000-01-01T00:00:00Z", "1883-11-18T17:00:00Z", "1970-01-01T00:00:00.999Z")) {
                Instant at = Instant.parse(far);
                requests.add(new ServiceRequest(UUID.randomUUID(), "CIV-F", byId.keySet().iterator().next(), "code0", 1,
                        RequestStatus.CLOSED, "far", BigDecimal.ZERO, new BigDecimal("-0.000001"), null, null, null,
                        Channel.WEB, at, null, at, null, null));
            }

            Open311RequestList streamed = new Open311RequestList(requests, byId, teamNames, zone);
            Open311Document before = new Open311Document("service_requests", asMaps(requests, byId, teamNames, zone));
            Open311Document after = new Open311Document("service_requests", streamed);
            assertThat(after.json()).as("JSON in %s", zoneName).isEqualTo(before.json());
            assertThat(after.xml()).as("XML in %s", zoneName).isEqualTo(before.xml());

            Open311Document none = new Open311Document("service_requests", new Open311RequestList(List.of(), byId, teamNames, zone));
            Open311Document noMaps = new Open311Document("service_requests", List.of());
            assertThat(none.json()).isEqualTo(noMaps.json());
            assertThat(none.xml()).isEqualTo(noMaps.xml());
        }
    }

    /** The rendering the list had before it was streamed: a map per request, datetimes by the JDK's formatter. */
    private static List<Map<String, Object>> asMaps(List<ServiceRequest> requests, Map<UUID, Service> byId,
                                                    Map<UUID, String> teamNames, ZoneId zone) {
        return requests.stream().map(request -> {
            Service service = byId.get(request.serviceId());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("service_request_id", request.reference());
            entry.put("status", request.status().open311());
            entry.put("status_notes", request.statusNote());
            entry.put("service_name", service == null ? null : service.name().en());
            entry.put("service_code", request.serviceCode());
            entry.put("description", request.description());
            entry.put("agency_responsible", service == null ? null : teamNames.get(service.teamId()));
            entry.put("service_notice", null);
            entry.put("requested_datetime", iso(request.requestedAt(), zone));
            entry.put("updated_datetime", iso(request.updatedAt(), zone));
            entry.put("expected_datetime", iso(request.expectedAt(), zone));
            entry.put("address", request.addressString());
            entry.put("address_id", request.addressId());
            entry.put("zipcode", null);
            entry.put("lat", request.lat());
            entry.put("long", request.lon());
            entry.put("media_url", request.mediaUrl());
            return entry;
        }).toList();
    }

    private static String iso(Instant instant, ZoneId zone) {
        return instant == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
    }

    /** Instants at, just before and just after the zone's transitions over the last three years and the next one. */
    private static List<Instant> transitions(ZoneId zone) {
        List<Instant> near = new ArrayList<>();
        Instant at = Instant.now().minus(3 * 366, ChronoUnit.DAYS);
        Instant end = Instant.now().plus(366, ChronoUnit.DAYS);
        ZoneOffsetTransition next;
        while ((next = zone.getRules().nextTransition(at)) != null && next.getInstant().isBefore(end)) {
            Instant transition = next.getInstant();
            near.addAll(List.of(transition.minusSeconds(1), transition, transition.plusSeconds(1), transition.plusMillis(500)));
            at = transition;
        }
        return near;
    }

    /** Mostly near the request, sometimes across a transition, sometimes absent. */
    private Instant instant(Instant requested, List<Instant> near) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> near.isEmpty() ? requested : near.get(random.nextInt(near.size()));
            case 2 -> requested.plusSeconds(random.nextInt(200) * 86_400L + random.nextInt(86_400)).plusNanos(random.nextInt(1_000_000_000));
            default -> requested.plusSeconds(random.nextInt(30 * 86_400));
        };
    }

    private String text() {
        return random.nextInt(4) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)];
    }

    private BigDecimal coordinate(int limit) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new BigDecimal(random.nextInt(2 * limit + 1) - limit);
            default -> BigDecimal.valueOf((random.nextDouble() * 2 - 1) * limit).setScale(random.nextInt(7), RoundingMode.HALF_UP);
        };
    }
}
