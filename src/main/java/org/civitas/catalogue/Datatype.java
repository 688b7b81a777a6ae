package org.civitas.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** The kind of answer a question takes: the Open311 attribute datatypes. */
public enum Datatype {
    /** One line of text. */
    STRING("string"),
    /** A number, such as 12 or 2.5. */
    NUMBER("number"),
    /** A date and time in ISO 8601 with its offset from UTC. */
    DATETIME("datetime"),
    /** Text that may run over several lines. */
    TEXT("text"),
    /** One key from the question's values. */
    SINGLEVALUELIST("singlevaluelist"),
    /** One or more keys from the question's values. */
    MULTIVALUELIST("multivaluelist");

    private final String code;

    Datatype(String code) {
        this.code = code;
    }

    /** The Open311 word for the datatype. */
    public String code() {
        return code;
    }

    /** Whether answers are picked from the question's values. */
    public boolean list() {
        return this == SINGLEVALUELIST || this == MULTIVALUELIST;
    }

    public static Optional<Datatype> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
