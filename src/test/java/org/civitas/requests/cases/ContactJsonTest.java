package org.civitas.requests.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The hand-written JSON of a contact is what Jackson writes, and Jackson reads it back unchanged. */
class ContactJsonTest {

    private final JsonMapper jackson = JsonMapper.builder().build();

    @Test
    void theJsonIsJacksonsAndReadsBackUnchanged() {
        StringBuilder everyControl = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            everyControl.append(c);
        }
        List<Contact> contacts = List.of(
                new Contact("Ada", "Lovelace", "ada@example.org", "+44 20 7946 0000"),
                new Contact(null, null, null, null),
                new Contact("Zoë \"Z\" O'Neill", "back\\slash /slash", "new\nline\ttab\r", "\u2028 \u00e9 \ud83d\ude00"),
                new Contact(everyControl.toString(), "\u007f\u0080", "", " "));
        for (Contact contact : contacts) {
            assertThat(contact.json()).isEqualTo(jackson.writeValueAsString(contact));
            Contact read = jackson.readValue(contact.json(), Contact.class);
            assertThat(List.of(String.valueOf(read.firstName()), String.valueOf(read.lastName()), String.valueOf(read.email()),
                    String.valueOf(read.phone())))
                    .containsExactly(String.valueOf(contact.firstName()), String.valueOf(contact.lastName()),
                            String.valueOf(contact.email()), String.valueOf(contact.phone()));
        }
    }
}
