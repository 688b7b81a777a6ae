package org.civitas.requests.open311;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks Open311 responses the way a strict client would: JSON against our own JSON schemas,
 * written from the GeoReport v2 specification and kept in the repository
 * (src/test/resources/open311/schema), XML through a parser that refuses DOCTYPEs and external entities.
 */
final class Open311Conformance {

    /** On the test class path, so a clone with nothing beside it runs every test. */
    static final String SCHEMAS = "/open311/schema/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMA_FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private Open311Conformance() {
    }

    /** Validates a JSON body against one of the specification's schemas, e.g. {@code services.json}. */
    static JsonNode validJson(String body, String schemaFile) {
        java.net.URL schema = Open311Conformance.class.getResource(SCHEMAS + schemaFile);
        assertThat(schema).as("the Open311 schema %s is in src/test/resources%s", schemaFile, SCHEMAS).isNotNull();
        try {
            JsonSchema jsonSchema = SCHEMA_FACTORY.getSchema(schema.toURI());
            JsonNode node = JSON.readTree(body);
            Set<ValidationMessage> problems = jsonSchema.validate(node);
            assertThat(problems).as("%s against %s", body, schemaFile).isEmpty();
            return node;
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a JSON body (for responses no schema covers, such as errors and POST results). */
    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Parses an XML body with a parser hardened against XXE and returns the document. */
    static Document validXml(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed Open311 XML: " + e.getMessage() + "\n" + body, e);
        }
    }
}
