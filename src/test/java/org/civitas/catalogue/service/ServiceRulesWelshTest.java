package org.civitas.catalogue.service;

import java.util.List;

import org.civitas.catalogue.Datatype;
import org.civitas.catalogue.Question;
import org.civitas.catalogue.QuestionValue;
import org.civitas.catalogue.Text;
import org.civitas.platform.Languages;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rule of publishing in both languages (decision 0022), with the languages the body offers (CIVITAS_LANGUAGES). */
class ServiceRulesWelshTest {

    private static final List<Question> ENGLISH_QUESTIONS = List.of(
            new Question("size", Datatype.SINGLEVALUELIST, true, true, "How big?", "Compare it with a plate", 1,
                    List.of(new QuestionValue("small", "Small"), new QuestionValue("large", Text.of("Large", "Mawr")))),
            new Question("depth", Datatype.NUMBER, false, true, Text.of("How deep?", "Pa mor ddwfn?"), null, 2, null, false));

    private static ServiceRules offering(List<String> languages) {
        return new ServiceRules(null, Languages.of(languages == null ? "en,cy" : String.join(",", languages), Languages.ENGLISH));
    }

    @Test
    void withBothLanguagesOnPublishingNeedsEveryWelshWordAndNamesEachMissingOne() {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> offering(List.of("en", "cy"))
                .requireBothLanguages(Text.of("Pothole"), Text.of("Report a pothole."), ENGLISH_QUESTIONS));
        assertThat(refused.violations()).containsExactly(
                new Violation("nameCy", "catalogue.service.nameCy.required"),
                new Violation("descriptionCy", "catalogue.service.descriptionCy.required"),
                new Violation("questions[0].descriptionCy", "catalogue.question.descriptionCy.required"),
                new Violation("questions[0].datatypeDescriptionCy", "catalogue.question.datatypeDescriptionCy.required"),
                new Violation("questions[0].values[0].nameCy", "catalogue.question.value.nameCy.required"));
    }

    @Test
    void withBothLanguagesOnACompleteServiceAndAnEmptyDescriptionPass() {
        List<Question> complete = List.of(new Question("size", Datatype.SINGLEVALUELIST, true, true, Text.of("How big?", "Pa mor fawr?"),
                null, 1, List.of(new QuestionValue("small", Text.of("Small", "Bach"))), false));
        assertThatCode(() -> offering(null).requireBothLanguages(Text.of("Pothole", "Twll yn y ffordd"), Text.of(""), complete))
                .as("the default is en,cy; no description needs no Welsh one").doesNotThrowAnyException();
        assertThat(catchThrowableOfType(InvalidInput.class, () -> offering(null)
                .requireBothLanguages(Text.of("Pothole"), Text.of(""), complete)).violations()).extracting(Violation::field)
                .containsExactly("nameCy");
    }

    @Test
    void withOnlyEnglishOnEnglishIsEnough() {
        assertThatCode(() -> offering(List.of("en")).requireBothLanguages(Text.of("Pothole"), Text.of("Report a pothole."),
                ENGLISH_QUESTIONS)).doesNotThrowAnyException();
        assertThatCode(() -> offering(List.of(" EN ")).requireBothLanguages(Text.of("Pothole"), Text.of("Report a pothole."),
                ENGLISH_QUESTIONS)).doesNotThrowAnyException();
    }
}
