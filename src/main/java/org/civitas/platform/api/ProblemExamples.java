package org.civitas.platform.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.civitas.platform.web.InputError;
import org.civitas.platform.web.ProblemDocuments;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Gives every native API operation in the OpenAPI document its error answers with an example of the
 * problem document Civitas really sends (titles and details from the message bundles, through
 * {@link ProblemDocuments}): 401 for every operation, 403 for those a role or scope guards, 400 for a
 * malformed Idempotency-Key on every POST, and an example for each 404 or 422 an operation declares.
 */
@Component
class ProblemExamples implements OpenApiCustomizer {

    private static final String PROBLEM_JSON = ProblemDocuments.PROBLEM_JSON.toString();
    private static final Locale LOCALE = Locale.UK;

    private final ProblemDocuments problems;
    private final MessageSource messages;

    ProblemExamples(ProblemDocuments problems, MessageSource messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/v1/")) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> describe(openApi, path, method, operation));
        });
    }

    private void describe(io.swagger.v3.oas.models.OpenAPI openApi, String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        ensure(responses, "401", "No API key or session, or one that is not valid", problems.problem(401, path, LOCALE));
        if (!path.equals("/api/v1/me")) {
            ensure(responses, "403", "Your role or your key's scopes do not allow this", problems.problem(403, path, LOCALE));
        }
        if (method == PathItem.HttpMethod.POST) {
            String message = messages.getMessage("platform.idempotency.key", new Object[] {255}, LOCALE);
            Map<String, Object> problem = problems.problem(400, path, LOCALE, List.of(new InputError("Idempotency-Key", "format", message)));
            problem.put("detail", message);
            ensure(responses, "400", "The Idempotency-Key header is malformed", problem);
        }
        // every /api/v1 call counts against the caller's rate limit (issue 12; docs/operations.md, "Rate limits")
        ensure(responses, "429", "Too many calls for this API key (without a key, for this client address): try again after "
                + "the seconds in Retry-After", problems.problem(429, path, LOCALE));
        if (responses.get("429").getHeaders() == null || !responses.get("429").getHeaders().containsKey("Retry-After")) {
            responses.get("429").addHeaderObject("Retry-After", new io.swagger.v3.oas.models.headers.Header()
                    .description("Seconds to wait before the next call is taken")
                    .schema(new io.swagger.v3.oas.models.media.IntegerSchema().minimum(java.math.BigDecimal.ONE)));
        }
        if (responses.containsKey("404")) {
            ensure(responses, "404", null, problems.problem(404, path, LOCALE));
        }
        if (responses.containsKey("422")) {
            String field = firstField(openApi, operation);
            String message = messages.getMessage("problem.rule.invalid", new Object[] {field}, LOCALE);
            Map<String, Object> problem = new java.util.LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", messages.getMessage("problem.invalid.title", null, LOCALE));
            problem.put("status", 422);
            problem.put("detail", message);
            problem.put("errors", List.of(Map.of("field", field, "message", message)));
            ensure(responses, "422", null, problem);
        }
    }

    /** Adds the response if the operation lacks it, and an example to it if it has none. */
    private static void ensure(ApiResponses responses, String code, String description, Map<String, Object> example) {
        ApiResponse response = responses.get(code);
        if (response == null) {
            response = new ApiResponse().description(description);
            responses.addApiResponse(code, response);
        }
        if (response.getContent() == null) {
            response.setContent(new Content());
        }
        MediaType media = response.getContent().get(PROBLEM_JSON);
        if (media == null) {
            media = new MediaType().schema(new ObjectSchema());
            response.getContent().addMediaType(PROBLEM_JSON, media);
        }
        if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
            media.setExample(example);
        }
    }

    /** The request's first field, to name it in the 422 example: of the JSON body, else the first parameter. */
    private static String firstField(io.swagger.v3.oas.models.OpenAPI openApi, Operation operation) {
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            for (MediaType media : operation.getRequestBody().getContent().values()) {
                Schema<?> schema = media.getSchema();
                if (schema != null && schema.get$ref() != null && openApi.getComponents() != null
                        && openApi.getComponents().getSchemas() != null) {
                    schema = openApi.getComponents().getSchemas().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
                }
                if (schema != null && schema.getProperties() != null && !schema.getProperties().isEmpty()) {
                    return schema.getProperties().keySet().iterator().next();
                }
            }
        }
        if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            return operation.getParameters().get(0).getName();
        }
        return "body";
    }
}
