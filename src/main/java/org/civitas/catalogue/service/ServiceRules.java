package org.civitas.catalogue.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.civitas.catalogue.Datatype;
import org.civitas.catalogue.Question;
import org.civitas.catalogue.QuestionValue;
import org.civitas.catalogue.ServiceType;
import org.civitas.catalogue.Sla;
import org.civitas.catalogue.Team;
import org.civitas.catalogue.Teams;
import org.civitas.catalogue.Text;
import org.civitas.platform.Languages;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.springframework.stereotype.Component;

/** The rules a service must keep, each broken one named by its field; all are checked before anything is written. */
@Component
class ServiceRules {

    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final Pattern QUESTION_CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    static final int MAX_QUESTIONS = 50;
    static final int MAX_VALUES = 100;
    static final int MAX_KEYWORDS = 20;
    static final int MAX_DAYS = 365;
    static final int MAX_HOURS = 2000;

    /** A service that keeps every rule, with its team found and its questions numbered. */
    record ValidService(String code, Text name, Text description, String group, List<String> keywords,
                        ServiceType type, UUID teamId, Sla sla, List<Question> questions) {
    }

    private final Teams teams;
    private final Languages languages;

    ServiceRules(Teams teams, Languages languages) {
        this.teams = teams;
        this.languages = languages;
    }

    /**
     * The rule of publishing: when the body offers both English and Welsh (CIVITAS_LANGUAGES), a
     * service goes live (and a live service takes a new version) only with every word a resident
     * reads written in both: its name, its description when it has one, and each question, hint and
     * answer's label. Drafts may be incomplete. Throws naming each missing Welsh field.
     */
    void requireBothLanguages(Text name, Text description, List<Question> questions) {
        if (!(languages.speaks(Languages.ENGLISH) && languages.speaks(Languages.WELSH))) {
            return;
        }
        List<Violation> violations = new ArrayList<>();
        if (name.en() != null && name.cy() == null) {
            violations.add(new Violation("nameCy", "catalogue.service.nameCy.required"));
        }
        if (description.missingWelsh()) {
            violations.add(new Violation("descriptionCy", "catalogue.service.descriptionCy.required"));
        }
        for (int i = 0; i < questions.size(); i++) {
            Question question = questions.get(i);
            String field = "questions[" + i + "]";
            if (question.description().missingWelsh()) {
                violations.add(new Violation(field + ".descriptionCy", "catalogue.question.descriptionCy.required"));
            }
            if (question.datatypeDescription().missingWelsh()) {
                violations.add(new Violation(field + ".datatypeDescriptionCy", "catalogue.question.datatypeDescriptionCy.required"));
            }
            for (int j = 0; j < question.values().size(); j++) {
                if (question.values().get(j).name().missingWelsh()) {
                    violations.add(new Violation(field + ".values[" + j + "].nameCy", "catalogue.question.value.nameCy.required"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
    }

    ValidService check(ServiceInput input, java.util.function.Predicate<String> codeTaken) {
        List<Violation> violations = new ArrayList<>();
        if (input == null) {
            throw new InvalidInput(List.of(new Violation("name", "catalogue.service.name.required")));
        }
        String code = trim(input.code());
        if (code == null) {
            violations.add(new Violation("code", "catalogue.service.code.required"));
        } else if (!CODE.matcher(code).matches()) {
            violations.add(new Violation("code", "catalogue.service.code.format"));
        } else if (codeTaken.test(code)) {
            violations.add(new Violation("code", "catalogue.service.code.taken"));
        }
        String name = trim(input.name());
        if (name == null) {
            violations.add(new Violation("name", "catalogue.service.name.required"));
        } else if (name.length() > 200) {
            violations.add(new Violation("name", "catalogue.service.name.length"));
        }
        String nameCy = trim(input.nameCy());
        if (nameCy != null && nameCy.length() > 200) {
            violations.add(new Violation("nameCy", "catalogue.service.nameCy.length"));
        }
        String description = input.description() == null ? "" : input.description().strip();
        if (description.length() > 4000) {
            violations.add(new Violation("description", "catalogue.service.description.length"));
        }
        String descriptionCy = trim(input.descriptionCy());
        if (descriptionCy != null && descriptionCy.length() > 4000) {
            violations.add(new Violation("descriptionCy", "catalogue.service.descriptionCy.length"));
        }
        String group = trim(input.group());
        if (group != null && group.length() > 100) {
            violations.add(new Violation("group", "catalogue.service.group.length"));
        }
        List<String> keywords = new ArrayList<>();
        if (input.keywords() != null) {
            if (input.keywords().size() > MAX_KEYWORDS) {
                violations.add(new Violation("keywords", "catalogue.service.keywords.count"));
            }
            for (String keyword : input.keywords()) {
                String word = trim(keyword);
                if (word == null || word.length() > 50 || word.contains(",")) {
                    violations.add(new Violation("keywords", "catalogue.service.keywords.word"));
                    break;
                }
                if (!keywords.contains(word)) {
                    keywords.add(word);
                }
            }
        }
        ServiceType type = ServiceType.REALTIME;
        if (trim(input.type()) != null) {
            Optional<ServiceType> known = ServiceType.fromCode(input.type().trim());
            if (known.isEmpty()) {
                violations.add(new Violation("type", "catalogue.service.type.unknown"));
            } else {
                type = known.get();
            }
        }
        UUID teamId = null;
        if (trim(input.team()) == null) {
            violations.add(new Violation("team", "catalogue.service.team.required"));
        } else {
            Optional<Team> team = teams.byCode(input.team().trim());
            if (team.isEmpty()) {
                violations.add(new Violation("team", "catalogue.service.team.unknown"));
            } else {
                teamId = team.get().id();
            }
        }
        Sla sla = sla(input.sla(), violations);
        List<Question> questions = questions(input.questions(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new ValidService(code, Text.of(name, nameCy), Text.of(description, descriptionCy), group, List.copyOf(keywords), type,
                teamId, sla, questions);
    }

    private static Sla sla(ServiceInput.SlaInput input, List<Violation> violations) {
        if (input == null) {
            violations.add(new Violation("sla", "catalogue.service.sla.required"));
            return null;
        }
        Optional<Sla.Unit> unit = Optional.ofNullable(trim(input.unit())).flatMap(Sla.Unit::fromCode);
        if (unit.isEmpty()) {
            violations.add(new Violation("sla.unit", "catalogue.service.sla.unit"));
        }
        if (input.amount() == null || input.amount() <= 0) {
            violations.add(new Violation("sla.amount", "catalogue.service.sla.amount"));
        } else if (unit.isPresent() && input.amount() > (unit.get() == Sla.Unit.WORKING_DAYS ? MAX_DAYS : MAX_HOURS)) {
            violations.add(new Violation("sla.amount", unit.get() == Sla.Unit.WORKING_DAYS
                    ? "catalogue.service.sla.amount.days" : "catalogue.service.sla.amount.hours"));
        }
        return unit.isPresent() && input.amount() != null && input.amount() > 0 ? new Sla(input.amount(), unit.get()) : null;
    }

    private static List<Question> questions(List<ServiceInput.QuestionInput> inputs, List<Violation> violations) {
        if (inputs == null) {
            return List.of();
        }
        if (inputs.size() > MAX_QUESTIONS) {
            violations.add(new Violation("questions", "catalogue.question.count"));
            return List.of();
        }
        List<Question> questions = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            String field = "questions[" + i + "]";
            ServiceInput.QuestionInput input = inputs.get(i);
            if (input == null) {
                violations.add(new Violation(field, "catalogue.question.missing"));
                continue;
            }
            String code = trim(input.code());
            if (code == null) {
                violations.add(new Violation(field + ".code", "catalogue.question.code.required"));
            } else if (!QUESTION_CODE.matcher(code).matches()) {
                violations.add(new Violation(field + ".code", "catalogue.question.code.format"));
            } else if (!codes.add(code)) {
                violations.add(new Violation(field + ".code", "catalogue.question.code.duplicate"));
            }
            Optional<Datatype> datatype = Optional.ofNullable(trim(input.datatype())).flatMap(Datatype::fromCode);
            if (datatype.isEmpty()) {
                violations.add(new Violation(field + ".datatype", trim(input.datatype()) == null
                        ? "catalogue.question.datatype.required" : "catalogue.question.datatype.unknown"));
            }
            boolean variable = input.variable() == null || input.variable();
            boolean required = input.required() != null && input.required();
            if (required && !variable) {
                violations.add(new Violation(field + ".required", "catalogue.question.required.variable"));
            }
            String description = trim(input.description());
            if (description == null) {
                violations.add(new Violation(field + ".description", "catalogue.question.description.required"));
            } else if (description.length() > 500) {
                violations.add(new Violation(field + ".description", "catalogue.question.description.length"));
            }
            String descriptionCy = trim(input.descriptionCy());
            if (descriptionCy != null && descriptionCy.length() > 500) {
                violations.add(new Violation(field + ".descriptionCy", "catalogue.question.descriptionCy.length"));
            }
            String datatypeDescription = trim(input.datatypeDescription());
            if (datatypeDescription != null && datatypeDescription.length() > 500) {
                violations.add(new Violation(field + ".datatypeDescription", "catalogue.question.datatype-description.length"));
            }
            String datatypeDescriptionCy = trim(input.datatypeDescriptionCy());
            if (datatypeDescriptionCy != null && datatypeDescriptionCy.length() > 500) {
                violations.add(new Violation(field + ".datatypeDescriptionCy", "catalogue.question.datatypeDescriptionCy.length"));
            }
            List<QuestionValue> values = values(field, input.values(), datatype.orElse(null), violations);
            boolean personal = input.personal() != null && input.personal();
            if (datatype.isPresent()) {
                questions.add(new Question(code, datatype.get(), required, variable, Text.of(description, descriptionCy),
                        Text.of(datatypeDescription, datatypeDescriptionCy), i + 1, values, personal));
            }
        }
        return List.copyOf(questions);
    }

    private static List<QuestionValue> values(String field, List<ServiceInput.ValueInput> inputs, Datatype datatype,
                                              List<Violation> violations) {
        List<ServiceInput.ValueInput> given = inputs == null ? List.of() : inputs;
        if (datatype == null) {
            return List.of();
        }
        if (!datatype.list()) {
            if (!given.isEmpty()) {
                violations.add(new Violation(field + ".values", "catalogue.question.values.unexpected"));
            }
            return List.of();
        }
        if (given.isEmpty()) {
            violations.add(new Violation(field + ".values", "catalogue.question.values.required"));
            return List.of();
        }
        if (given.size() > MAX_VALUES) {
            violations.add(new Violation(field + ".values", "catalogue.question.values.count"));
            return List.of();
        }
        List<QuestionValue> values = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int j = 0; j < given.size(); j++) {
            String valueField = field + ".values[" + j + "]";
            ServiceInput.ValueInput value = given.get(j);
            String key = value == null ? null : trim(value.key());
            String name = value == null ? null : trim(value.name());
            String nameCy = value == null ? null : trim(value.nameCy());
            if (key == null) {
                violations.add(new Violation(valueField + ".key", "catalogue.question.value.key.required"));
            } else if (!KEY.matcher(key).matches()) {
                violations.add(new Violation(valueField + ".key", "catalogue.question.value.key.format"));
            } else if (!keys.add(key)) {
                violations.add(new Violation(valueField + ".key", "catalogue.question.value.key.duplicate"));
            }
            if (name == null) {
                violations.add(new Violation(valueField + ".name", "catalogue.question.value.name.required"));
            } else if (name.length() > 200) {
                violations.add(new Violation(valueField + ".name", "catalogue.question.value.name.length"));
            }
            if (nameCy != null && nameCy.length() > 200) {
                violations.add(new Violation(valueField + ".nameCy", "catalogue.question.value.nameCy.length"));
            }
            values.add(new QuestionValue(key, Text.of(name, nameCy)));
        }
        return List.copyOf(values);
    }

    private static String trim(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
