package org.civitas.catalogue;

import java.util.List;

/**
 * A question a service asks (an Open311 attribute).
 *
 * @param code                unique within the service version; answers arrive as {@code attribute[code]}
 * @param variable            false when the question only informs the person and takes no answer
 * @param description         the question as a person reads it, in English and Welsh
 * @param datatypeDescription help with the answer (its English null when there is none)
 * @param order               1 is shown first
 * @param values              the choices of a list question; empty for other datatypes
 * @param personal            whether the answer is personal data (such as a vehicle registration): always sealed for the requester
 */
public record Question(String code, Datatype datatype, boolean required, boolean variable, Text description,
                       Text datatypeDescription, int order, List<QuestionValue> values, boolean personal) {

    public Question {
        values = values == null ? List.of() : List.copyOf(values);
        description = description == null ? Text.of(null) : description;
        datatypeDescription = datatypeDescription == null ? Text.of(null) : datatypeDescription;
    }

    /** A question written in English only. */
    public Question(String code, Datatype datatype, boolean required, boolean variable, String description,
                    String datatypeDescription, int order, List<QuestionValue> values, boolean personal) {
        this(code, datatype, required, variable, Text.of(description), Text.of(datatypeDescription), order, values, personal);
    }

    /** A question whose answer is not personal data. */
    public Question(String code, Datatype datatype, boolean required, boolean variable, String description,
                    String datatypeDescription, int order, List<QuestionValue> values) {
        this(code, datatype, required, variable, description, datatypeDescription, order, values, false);
    }

    public boolean hasValue(String key) {
        return values.stream().anyMatch(value -> value.key().equals(key));
    }
}
