package org.civitas.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.civitas.platform.Violation;

/**
 * What a service asked at one point: a request keeps the version it was made under, so its answers
 * are read against the questions it was asked. Its words are in English and Welsh ({@link Text}).
 *
 * @param publishedAt when the version went live, or null while the service is a draft
 */
public record ServiceVersion(UUID serviceId, String serviceCode, int version, Text name, Text description,
                             List<Question> questions, Instant publishedAt) {

    public ServiceVersion {
        questions = questions == null ? List.of() : List.copyOf(questions);
        name = name == null ? Text.of(null) : name;
        description = description == null ? Text.of(null) : description;
    }

    /** A version written in English only. */
    public ServiceVersion(UUID serviceId, String serviceCode, int version, String name, String description,
                          List<Question> questions, Instant publishedAt) {
        this(serviceId, serviceCode, version, Text.of(name), Text.of(description), questions, publishedAt);
    }

    public Optional<Question> question(String code) {
        return questions.stream().filter(question -> question.code().equals(code)).findFirst();
    }

    /** Checks answers (question code to the values given) against this version's questions; see {@link Answers}. */
    public List<Violation> validate(Map<String, List<String>> answers) {
        return Answers.validate(questions, answers);
    }
}
