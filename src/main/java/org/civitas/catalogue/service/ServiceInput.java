package org.civitas.catalogue.service;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A service as a client sends it, before any rule is checked: every value may be missing or wrong.
 * The list order of {@code questions} is the order they are asked in.
 */
public record ServiceInput(
        @Schema(example = "pothole", description = "Lower-case letters, digits and hyphens; cannot change once created") String code,
        @Schema(example = "Pothole") String name,
        @Schema(example = "Report a pothole or a sunken area in a road or pavement.") String description,
        @Schema(example = "Roads and pavements") String group,
        @Schema(example = "[\"pothole\", \"road\", \"pavement\"]") List<String> keywords,
        @Schema(example = "realtime", allowableValues = {"realtime", "batch", "blackbox"}) String type,
        @Schema(example = "highways", description = "Code of the owning team") String team,
        SlaInput sla,
        List<QuestionInput> questions,
        @Schema(example = "365", description = "Days the requester's personal data is kept after a request is finished "
                + "(1 to 36500); 365 for a new service when not given, unchanged when a service is replaced without it")
        Integer retentionDays,
        @Schema(example = "true", description = "Whether a request may come without the requester's contact details; "
                + "true for a new service when not given, unchanged when a service is replaced without it")
        Boolean anonymousRequests,
        @Schema(example = "public", allowableValues = {"public", "private"}, description = "public: a problem in a public place, "
                + "whose location and description anyone may see; private: an application or anything about a person, never in "
                + "keyless outputs, its address, location, description and photos sealed for the requester. public for a new service "
                + "when not given, unchanged when a service is replaced without it")
        String privacy,
        @Schema(example = "Twll yn y ffordd", description = "The name in Welsh. Required to publish (and for each new version of a "
                + "live service) when the body offers Welsh (CIVITAS_LANGUAGES has cy); a draft may go without it")
        String nameCy,
        @Schema(example = "Rhoi gwybod am dwll neu bant yn y ffordd neu ar y palmant.", description = "The description in Welsh; "
                + "required to publish when there is an English description and the body offers Welsh")
        String descriptionCy) {

    public ServiceInput(String code, String name, String description, String group, List<String> keywords, String type, String team,
                        SlaInput sla, List<QuestionInput> questions, Integer retentionDays, Boolean anonymousRequests, String privacy) {
        this(code, name, description, group, keywords, type, team, sla, questions, retentionDays, anonymousRequests, privacy, null, null);
    }

    public ServiceInput(String code, String name, String description, String group, List<String> keywords, String type, String team,
                        SlaInput sla, List<QuestionInput> questions, Integer retentionDays, Boolean anonymousRequests) {
        this(code, name, description, group, keywords, type, team, sla, questions, retentionDays, anonymousRequests, null);
    }

    public ServiceInput(String code, String name, String description, String group, List<String> keywords, String type, String team,
                        SlaInput sla, List<QuestionInput> questions, Integer retentionDays) {
        this(code, name, description, group, keywords, type, team, sla, questions, retentionDays, null, null);
    }

    public ServiceInput(String code, String name, String description, String group, List<String> keywords, String type, String team,
                        SlaInput sla, List<QuestionInput> questions) {
        this(code, name, description, group, keywords, type, team, sla, questions, null, null, null);
    }

    public record SlaInput(
            @Schema(example = "5") Integer amount,
            @Schema(example = "working_days", allowableValues = {"working_days", "working_hours"}) String unit) {
    }

    public record QuestionInput(
            @Schema(example = "size") String code,
            @Schema(example = "singlevaluelist", allowableValues = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}) String datatype,
            @Schema(example = "true") Boolean required,
            @Schema(example = "true", description = "False for a note that takes no answer; true when missing") Boolean variable,
            @Schema(example = "How big is the pothole?", description = "The question as a person reads it") String description,
            @Schema(example = "Compare it with a dinner plate") String datatypeDescription,
            List<ValueInput> values,
            @Schema(example = "false", description = "Whether the answer is personal data (such as a vehicle registration); "
                    + "such answers are sealed for the requester. False when missing") Boolean personal,
            @Schema(example = "Pa mor fawr yw'r twll?", description = "The question in Welsh; required to publish when the body offers Welsh")
            String descriptionCy,
            @Schema(example = "Cymharwch ef â phlât cinio", description = "The help in Welsh; required to publish when there is English "
                    + "help and the body offers Welsh") String datatypeDescriptionCy) {

        public QuestionInput(String code, String datatype, Boolean required, Boolean variable, String description,
                             String datatypeDescription, List<ValueInput> values, Boolean personal) {
            this(code, datatype, required, variable, description, datatypeDescription, values, personal, null, null);
        }

        public QuestionInput(String code, String datatype, Boolean required, Boolean variable, String description,
                             String datatypeDescription, List<ValueInput> values) {
            this(code, datatype, required, variable, description, datatypeDescription, values, null);
        }
    }

    public record ValueInput(@Schema(example = "plate") String key, @Schema(example = "About the size of a dinner plate") String name,
                             @Schema(example = "Tua maint plât cinio", description = "The answer in Welsh; required to publish when the "
                                     + "body offers Welsh") String nameCy) {

        public ValueInput(String key, String name) {
            this(key, name, null);
        }
    }
}
