package org.civitas.requests.open311;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.civitas.catalogue.Service;
import org.civitas.requests.cases.ServiceRequest;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * Service requests in the specification's shape (never any contact details), written straight from
 * the rows as JSON or XML. A list of 1000 used to be built as 1000 maps and serialised through
 * Jackson's data binding, which was most of its CPU (map building, a serializer look-up and an escaped
 * key per field); this writes the same calls on the same writers, so the bytes are the same
 * ({@code Open311RequestListRenderingTest} compares them with the maps' rendering).
 */
final class Open311RequestList implements Open311Document.Streamed {

    /** The fields of a request, in the specification's order. */
    static final String[] FIELDS = {"service_request_id", "status", "status_notes", "service_name", "service_code",
            "description", "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
            "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"};
    /** The names quoted and encoded once, not per request. */
    private static final SerializableString[] NAMES = java.util.Arrays.stream(FIELDS).map(SerializedString::new)
            .toArray(SerializableString[]::new);

    private final List<ServiceRequest> requests;
    private final Map<UUID, Service> services;
    private final Map<UUID, String> teamNames;
    private final Datetimes datetimes;

    Open311RequestList(List<ServiceRequest> requests, Map<UUID, Service> services, Map<UUID, String> teamNames, ZoneId zone) {
        this.requests = requests;
        this.services = services;
        this.teamNames = teamNames;
        this.datetimes = new Datetimes(zone);
    }

    /** One request's values, in the order of {@link #FIELDS}: Strings, BigDecimals or nulls. */
    Object[] values(ServiceRequest request) {
        Service service = services.get(request.serviceId());
        return new Object[] {request.reference(), request.status().open311(), request.statusNote(),
                service == null ? null : service.name().en(), request.serviceCode(), request.description(),
                service == null ? null : teamNames.get(service.teamId()), null,
                datetimes.format(request.requestedAt()), datetimes.format(request.updatedAt()),
                datetimes.format(request.expectedAt()), request.addressString(), request.addressId(), null,
                request.lat(), request.lon(), request.mediaUrl()};
    }

    @Override
    public void json(JsonGenerator json) {
        json.writeStartArray();
        for (ServiceRequest request : requests) {
            Object[] values = values(request);
            json.writeStartObject();
            for (int i = 0; i < NAMES.length; i++) {
                json.writeName(NAMES[i]);
                Object value = values[i];
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof BigDecimal number) {
                    json.writeNumber(number);
                } else {
                    json.writeString((String) value);
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    @Override
    public void xml(XMLStreamWriter xml, String item) throws XMLStreamException {
        for (ServiceRequest request : requests) {
            Object[] values = values(request);
            xml.writeStartElement(item);
            for (int i = 0; i < FIELDS.length; i++) {
                xml.writeStartElement(FIELDS[i]);
                if (values[i] != null) {
                    xml.writeCharacters(values[i].toString());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
    }

    /**
     * ISO-8601 with the offset, to the second, as {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} writes
     * it ({@code Z} for UTC) but built by hand, and the zone's offset looked up once per stretch between
     * two of its transitions rather than per value: a list writes 3000 of them, mostly close together,
     * and the formatter, then the zone rules' look-up, were the largest part of building a list.
     */
    static final class Datetimes {
        private final ZoneId zone;
        private final ZoneRules rules;
        /** Two stretches [from, until) of one offset each, the latest used first: a list's dates straddle a transition at most. */
        private final long[] from = {Long.MAX_VALUE, Long.MAX_VALUE};
        private final long[] until = {Long.MIN_VALUE, Long.MIN_VALUE};
        private final ZoneOffset[] offsets = new ZoneOffset[2];

        Datetimes(ZoneId zone) {
            this.zone = zone;
            this.rules = zone.getRules();
        }

        String format(Instant instant) {
            if (instant == null) {
                return null;
            }
            long second = instant.getEpochSecond();
            ZoneOffset offset = offset(instant, second);
            LocalDateTime local = LocalDateTime.ofEpochSecond(second, 0, offset);
            if (local.getYear() < 1000 || local.getYear() > 9999) {
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime());
            }
            char[] text = new char[19];
            int year = local.getYear();
            text[0] = (char) ('0' + year / 1000);
            text[1] = (char) ('0' + year / 100 % 10);
            text[2] = (char) ('0' + year / 10 % 10);
            text[3] = (char) ('0' + year % 10);
            text[4] = '-';
            two(text, 5, local.getMonthValue());
            text[7] = '-';
            two(text, 8, local.getDayOfMonth());
            text[10] = 'T';
            two(text, 11, local.getHour());
            text[13] = ':';
            two(text, 14, local.getMinute());
            text[16] = ':';
            two(text, 17, local.getSecond());
            return new String(text).concat(offset.getId());
        }

        private ZoneOffset offset(Instant instant, long second) {
            if (second >= from[0] && second < until[0]) {
                return offsets[0];
            }
            if (second < from[1] || second >= until[1]) {
                // not in either: look it up into the second slot, then make it the first
                offsets[1] = rules.getOffset(instant);
                ZoneOffsetTransition previous = rules.isFixedOffset() ? null : rules.previousTransition(instant.plusNanos(1));
                ZoneOffsetTransition next = rules.isFixedOffset() ? null : rules.nextTransition(instant);
                from[1] = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
                until[1] = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            }
            swap(from);
            swap(until);
            ZoneOffset found = offsets[1];
            offsets[1] = offsets[0];
            offsets[0] = found;
            return found;
        }

        private static void swap(long[] pair) {
            long first = pair[0];
            pair[0] = pair[1];
            pair[1] = first;
        }

        private static void two(char[] text, int at, int value) {
            text[at] = (char) ('0' + value / 10);
            text[at + 1] = (char) ('0' + value % 10);
        }
    }
}
