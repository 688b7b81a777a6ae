package org.civitas.catalogue;

import java.util.List;
import java.util.Map;

import org.civitas.platform.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The answers a request gives, checked against the questions of the version it is made under. */
class AnswersTest {

    private static final List<QuestionValue> SIZES = List.of(new QuestionValue("small", "Small"), new QuestionValue("large", "Large"));
    private static final List<QuestionValue> BINS = List.of(new QuestionValue("refuse", "Rubbish"),
            new QuestionValue("recycling", "Recycling"), new QuestionValue("food", "Food"));

    private static final List<Question> QUESTIONS = List.of(
            new Question("size", Datatype.SINGLEVALUELIST, true, true, "How big?", null, 1, SIZES),
            new Question("depth", Datatype.NUMBER, false, true, "How deep?", null, 2, null),
            new Question("started", Datatype.DATETIME, false, true, "When?", null, 3, null),
            new Question("bins", Datatype.MULTIVALUELIST, false, true, "Which bins?", null, 4, BINS),
            new Question("registration", Datatype.STRING, true, true, "Registration?", null, 5, null),
            new Question("details", Datatype.TEXT, false, true, "Tell us more", null, 6, null),
            new Question("note", Datatype.STRING, false, false, "We collect on Mondays", null, 7, null));

    @Test
    void goodAnswersPass() {
        assertThat(Answers.validate(QUESTIONS, Map.of(
                "size", List.of("large"), "depth", List.of("12.5"), "started", List.of("2026-03-10T23:00:00Z"),
                "bins", List.of("refuse", "food"), "registration", List.of("AB12 CDE"), "details", List.of("Line one\nLine two"))))
                .isEmpty();
        assertThat(Answers.validate(QUESTIONS, Map.of("size", List.of("small"), "registration", List.of("X"),
                "started", List.of("2026-06-10T14:30:00+01:00"), "depth", List.of("-3")))).isEmpty();
    }

    @Test
    void requiredQuestionsNeedAnAnswer() {
        assertThat(Answers.validate(QUESTIONS, Map.of())).containsExactly(
                new Violation("attribute[size]", "catalogue.answer.choice.required"),
                new Violation("attribute[registration]", "catalogue.answer.required"));
        assertThat(Answers.validate(QUESTIONS, Map.of("size", List.of("small"), "registration", List.of("  "))))
                .containsExactly(new Violation("attribute[registration]", "catalogue.answer.required"));
    }

    @Test
    void lengthsAreCountedInCharactersNotUtf16Units() {
        String pothole = "\uD83D\uDD73"; // one character, two UTF-16 units
        assertThat(violations("registration", pothole.repeat(Answers.MAX_STRING))).isEmpty();
        assertThat(violations("registration", pothole.repeat(Answers.MAX_STRING + 1)))
                .containsExactly(new Violation("attribute[registration]", "catalogue.answer.string.length"));
        assertThat(violations("details", pothole.repeat(Answers.MAX_TEXT))).isEmpty();
        assertThat(violations("details", pothole.repeat(Answers.MAX_TEXT + 1)))
                .containsExactly(new Violation("attribute[details]", "catalogue.answer.text.length"));
    }

    @Test
    void aNumberMustParse() {
        assertThat(violations("depth", "deep")).containsExactly(new Violation("attribute[depth]", "catalogue.answer.number"));
        assertThat(violations("depth", "12,5")).containsExactly(new Violation("attribute[depth]", "catalogue.answer.number"));
        assertThat(violations("depth", "1".repeat(41))).containsExactly(new Violation("attribute[depth]", "catalogue.answer.number"));
        assertThat(violations("depth", "NaN")).containsExactly(new Violation("attribute[depth]", "catalogue.answer.number"));
        assertThat(violations("depth", "١٢")).containsExactly(new Violation("attribute[depth]", "catalogue.answer.number"));
    }

    @Test
    void aNumberIsBoundedBeforeAnyArithmetic() {
        // each of these was a number to BigDecimal, and a depth to Civitas
        for (String huge : List.of("1e999999999", "1e-40000000", "1e-2000000000", "-1e400", "1000000000000000.5", "0.00000000001")) {
            assertThat(violations("depth", huge)).as(huge).containsExactly(new Violation("attribute[depth]", "catalogue.answer.number.range"));
        }
        assertThat(violations("depth", "-12.5e2")).isEmpty();
        assertThat(violations("depth", "1000000000000000")).isEmpty();
    }

    @Test
    void aDatetimeIsInTheYearsCivitasAccepts() {
        assertThat(violations("started", "+999999999-12-31T23:59:59-18:00"))
                .containsExactly(new Violation("attribute[started]", "catalogue.answer.datetime.year"));
        assertThat(violations("started", "0001-01-01T00:00:00Z"))
                .containsExactly(new Violation("attribute[started]", "catalogue.answer.datetime.year"));
        assertThat(violations("started", "2200-12-31T23:59:59Z")).isEmpty();
    }

    @Test
    void aDatetimeNeedsItsOffset() {
        assertThat(violations("started", "2026-03-10T23:00:00")).containsExactly(new Violation("attribute[started]", "catalogue.answer.datetime"));
        assertThat(violations("started", "10/03/2026")).containsExactly(new Violation("attribute[started]", "catalogue.answer.datetime"));
        assertThat(violations("started", "2026-03-10T23:00+00:00")).isEmpty();
    }

    @Test
    void listAnswersMustBeKeysOfTheList() {
        assertThat(violations("size", "huge")).containsExactly(new Violation("attribute[size]", "catalogue.answer.choice"));
        assertThat(Answers.validate(QUESTIONS, Map.of("size", List.of("small", "large"), "registration", List.of("X"))))
                .containsExactly(new Violation("attribute[size]", "catalogue.answer.one"));
        assertThat(violations("bins", "refuse", "garden")).containsExactly(new Violation("attribute[bins]", "catalogue.answer.choices"));
        assertThat(violations("bins", "food", "food")).containsExactly(new Violation("attribute[bins]", "catalogue.answer.choices.repeated"));
    }

    @Test
    void unknownCodesAndInformationOnlyQuestionsAreRefused() {
        assertThat(violations("colour", "red")).containsExactly(new Violation("attribute[colour]", "catalogue.answer.unknown"));
        assertThat(violations("note", "ok")).containsExactly(new Violation("attribute[note]", "catalogue.answer.unknown"));
    }

    @Test
    void stringsStayOnOneLineAndWithinTheirLength() {
        assertThat(Answers.validate(QUESTIONS, Map.of("size", List.of("small"), "registration", List.of("AB12\nCDE"))))
                .containsExactly(new Violation("attribute[registration]", "catalogue.answer.string.lines"));
        assertThat(violations("details", "x".repeat(Answers.MAX_TEXT + 1)))
                .containsExactly(new Violation("attribute[details]", "catalogue.answer.text.length"));
    }

    @Test
    void aVersionValidatesAgainstItsOwnQuestions() {
        ServiceVersion version = new ServiceVersion(null, "pothole", 1, "Pothole", "", QUESTIONS, null);
        assertThat(version.validate(Map.of("size", List.of("small"), "registration", List.of("X")))).isEmpty();
        assertThat(version.validate(null)).hasSize(2);
    }

    /** Violations for one answer, with the required questions answered. */
    private static List<Violation> violations(String code, String... values) {
        Map<String, List<String>> answers = new java.util.HashMap<>(Map.of("size", List.of("small"), "registration", List.of("X")));
        answers.put(code, List.of(values));
        return Answers.validate(QUESTIONS, answers);
    }
}
