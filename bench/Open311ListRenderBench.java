import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.civitas.catalogue.Service;
import org.civitas.catalogue.ServiceStatus;
import org.civitas.catalogue.ServiceType;
import org.civitas.requests.cases.Channel;
import org.civitas.requests.cases.RequestStatus;
import org.civitas.requests.cases.ServiceRequest;

/**
 * The rendering part of GET /open311/v2/requests.json alone, before and after it was streamed, in one
 * process and interleaved rounds (so the load of a shared machine falls on both alike): 1000 requests
 * shaped like bench/open311's rows, written as JSON (and XML) by the maps-and-data-binding way the list
 * used to take (a copy of it, here) and by {@code Open311RequestList}; checks both give the same bytes.
 * Run by bench/open311-render: {@code java -cp target/classes:<dependencies> bench/Open311ListRenderBench.java}.
 */
public class Open311ListRenderBench {

    public static void main(String[] args) throws Exception {
        ZoneId zone = ZoneId.of("Europe/London");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<UUID, Service> services = new LinkedHashMap<>();
        Map<UUID, String> teams = new LinkedHashMap<>();
        for (String name : List.of("Pothole", "Street light", "Fly-tipping", "Overflowing bin", "Graffiti", "Paving")) {
            UUID team = UUID.randomUUID();
            teams.put(team, name + " team");
            Service service = new Service(UUID.randomUUID(), name.toLowerCase().replace(' ', '_'), name, "d", "g", List.of(),
                    ServiceType.REALTIME, ServiceStatus.LIVE, team, null, 1, 365);
            services.put(service.id(), service);
        }
        List<UUID> ids = new ArrayList<>(services.keySet());
        String[] descriptions = {"A deep pothole by the bus stop. Cars swerve round it.", "Street light out since Tuesday.",
                "Fly-tipped mattress and bags on the verge.", "Overflowing bin by the play area.", "Graffiti on the underpass wall."};
        List<ServiceRequest> requests = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 1000; i++) {
            Instant requested = now.minusSeconds(i * 7_776L + random.nextInt(7_776)); // 1000 over 90 days, newest first
            RequestStatus status = RequestStatus.values()[random.nextInt(5)];
            UUID service = ids.get(random.nextInt(ids.size()));
            requests.add(new ServiceRequest(UUID.randomUUID(), "RBC-" + Integer.toString(100000 + i, 36).toUpperCase(), service,
                    services.get(service).code(), 1, status, descriptions[random.nextInt(descriptions.length)],
                    BigDecimal.valueOf(51.40 + random.nextDouble() * 0.12).setScale(6, RoundingMode.HALF_UP),
                    BigDecimal.valueOf(-0.36 + random.nextDouble() * 0.12).setScale(6, RoundingMode.HALF_UP),
                    (1 + random.nextInt(200)) + " River Street, Riverside", null, null, Channel.OPEN311, requested,
                    requested.plusSeconds(random.nextInt(86_400 * 20)), requested.plus(java.time.Duration.ofDays(7)), null,
                    status.open() ? null : "Repaired by the highways team."));
        }

        Class<?> document = Class.forName("org.civitas.requests.open311.Open311Document");
        Constructor<?> newDocument = document.getDeclaredConstructor(String.class, Object.class);
        newDocument.setAccessible(true);
        Method json = document.getDeclaredMethod("json");
        json.setAccessible(true);
        Method xml = document.getDeclaredMethod("xml");
        xml.setAccessible(true);
        Constructor<?> newList = Class.forName("org.civitas.requests.open311.Open311RequestList")
                .getDeclaredConstructor(List.class, Map.class, Map.class, ZoneId.class);
        newList.setAccessible(true);

        Render before = format -> (byte[]) format.invoke(newDocument.newInstance("service_requests", asMaps(requests, services, teams, zone)));
        Render after = format -> (byte[]) format.invoke(newDocument.newInstance("service_requests", newList.newInstance(requests, services, teams, zone)));
        for (Method format : List.of(json, xml)) {
            if (!Arrays.equals(before.render(format), after.render(format))) {
                throw new IllegalStateException("the two renderings differ in " + format.getName());
            }
        }
        System.out.printf("bytes: json=%d   xml=%d   (the same from both)%n", before.render(json).length, before.render(xml).length);
        for (Method format : List.of(json, xml)) {
            for (int i = 0; i < 300; i++) { // warm-up
                before.render(format);
                after.render(format);
            }
            List<Double> b = new ArrayList<>();
            List<Double> a = new ArrayList<>();
            for (int round = 0; round < 21; round++) {
                b.add(time(before, format));
                a.add(time(after, format));
            }
            b.sort(null);
            a.sort(null);
            System.out.printf("%s: maps_ms_per_list=%.2f (best %.2f)   streamed_ms_per_list=%.2f (best %.2f)   streamed/maps=%.2f   (median of 21 interleaved rounds of 40 lists of 1000)%n",
                    format.getName(), b.get(10), b.get(0), a.get(10), a.get(0), a.get(10) / b.get(10));
        }
    }

    interface Render {
        byte[] render(Method format) throws Exception;
    }

    static double time(Render render, Method format) throws Exception {
        long began = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            render.render(format);
        }
        return (System.nanoTime() - began) / 40 / 1e6;
    }

    /** The list as it was built before it was streamed (Open311RequestsApi.describe and datetime at commit d567861). */
    static List<Map<String, Object>> asMaps(List<ServiceRequest> requests, Map<UUID, Service> byId, Map<UUID, String> teamNames, ZoneId zone) {
        return requests.stream().map(request -> {
            Service service = byId.get(request.serviceId());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("service_request_id", request.reference());
            entry.put("status", request.status().open311());
            entry.put("status_notes", request.statusNote());
            entry.put("service_name", service == null ? null : service.name());
            entry.put("service_code", request.serviceCode());
            entry.put("description", request.description());
            entry.put("agency_responsible", service == null ? null : teamNames.get(service.teamId()));
            entry.put("service_notice", null);
            entry.put("requested_datetime", datetime(request.requestedAt(), zone));
            entry.put("updated_datetime", datetime(request.updatedAt(), zone));
            entry.put("expected_datetime", datetime(request.expectedAt(), zone));
            entry.put("address", request.addressString());
            entry.put("address_id", request.addressId());
            entry.put("zipcode", null);
            entry.put("lat", request.lat());
            entry.put("long", request.lon());
            entry.put("media_url", request.mediaUrl());
            return entry;
        }).toList();
    }

    static String datetime(Instant instant, ZoneId zone) {
        if (instant == null) {
            return null;
        }
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, offset);
        StringBuilder text = new StringBuilder(25).append(local.getYear()).append('-');
        two(text, local.getMonthValue()).append('-');
        two(text, local.getDayOfMonth()).append('T');
        two(text, local.getHour()).append(':');
        two(text, local.getMinute()).append(':');
        two(text, local.getSecond());
        return text.append(offset.getId()).toString();
    }

    static StringBuilder two(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
