package org.civitas.requests.open311;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import tools.jackson.databind.json.JsonMapper;

/**
 * One Open311 response, built once as plain maps and lists and written as XML or JSON. The JSON is
 * the "Spark convention" mapping of the XML, as the specification asks: an XML list element
 * ({@code <services>} holding {@code <service>} items) is a JSON array, an XML element with
 * children is a JSON object, a leaf is a JSON value.
 *
 * @param root  the XML root element, e.g. {@code services}
 * @param body  a {@code Map} (an element with children), a {@code List} of them, or a {@link Streamed}
 *              list that writes itself
 */
record Open311Document(String root, Object body) {

    /** The name of an item inside each XML list element, e.g. {@code attributes} holds {@code attribute}s. */
    private static final Map<String, String> ITEMS = Map.ofEntries(
            Map.entry("services", "service"), Map.entry("attributes", "attribute"), Map.entry("values", "value"),
            Map.entry("endpoints", "endpoint"), Map.entry("formats", "format"), Map.entry("errors", "error"),
            Map.entry("service_requests", "request"), Map.entry("service_request_updates", "request_update"),
            Map.entry("media_urls", "media_url"));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    /**
     * A list element that writes its items itself, straight onto the writers, for lists long enough
     * that building maps for them costs more than writing them; it must write what the same items as
     * maps would give.
     */
    interface Streamed {
        /** The whole JSON array. */
        void json(tools.jackson.core.JsonGenerator json);

        /** The items inside the list element, each an {@code item} element. */
        void xml(XMLStreamWriter xml, String item) throws XMLStreamException;
    }

    byte[] json() {
        if (body instanceof Streamed streamed) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            try (tools.jackson.core.JsonGenerator generator = JSON.createGenerator(out)) {
                streamed.json(generator);
            }
            return out.toByteArray();
        }
        return JSON.writeValueAsBytes(body);
    }

    byte[] xml() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter writer = XML.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("utf-8", "1.0");
            writeElement(writer, root, body);
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write an Open311 XML document", e);
        }
        return out.toByteArray();
    }

    private static void writeElement(XMLStreamWriter writer, String name, Object value) throws XMLStreamException {
        writer.writeStartElement(name);
        if (value instanceof Map<?, ?> children) {
            for (Map.Entry<?, ?> child : children.entrySet()) {
                writeElement(writer, (String) child.getKey(), child.getValue());
            }
        } else if (value instanceof Streamed streamed) {
            streamed.xml(writer, ITEMS.getOrDefault(name, "item"));
        } else if (value instanceof List<?> items) {
            String item = ITEMS.getOrDefault(name, "item");
            for (Object each : items) {
                writeElement(writer, item, each);
            }
        } else if (value != null) {
            writer.writeCharacters(String.valueOf(value));
        }
        writer.writeEndElement();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
