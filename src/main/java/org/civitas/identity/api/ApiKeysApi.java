package org.civitas.identity.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.apikey.ApiKeyView;
import org.civitas.identity.apikey.ApiKeys;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators manage the API keys of machine clients. */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
@Tag(name = "Administration")
class ApiKeysApi {

    record NewApiKey(
            @Schema(example = "FixMyStreet Riverside") String name,
            @Schema(example = "mySociety") String owner,
            @Schema(example = "[\"open311.submit\"]") List<String> scopes) {
    }

    record CreatedApiKey(ApiKeyView apiKey,
                         @Schema(description = "The key itself. Shown this once: only a hash is kept.") String key) {
    }

    private final ApiKeys apiKeys;

    ApiKeysApi(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @GetMapping
    @Operation(summary = "List API keys", description = "Every key, active first. The keys themselves are never returned.")
    @ApiResponse(responseCode = "200", description = "The keys", content = @Content(array = @ArraySchema(schema = @Schema(implementation = ApiKeyView.class)),
            examples = @ExampleObject(name = "keys", value = """
                    [{"id":"3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b","name":"FixMyStreet Riverside","owner":"mySociety","prefix":"civ_3kq9",
                      "scopes":["open311.submit"],"createdAt":"2026-03-01T10:00:00Z","lastUsedAt":"2026-03-11T18:20:00Z","revokedAt":null}]""")))
    List<ApiKeyView> list() {
        return apiKeys.all();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API key", description = "Returns the key once. Scopes: open311.submit, requests.read, requests.manage, catalogue.manage.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = NewApiKey.class), examples = @ExampleObject(name = "FixMyStreet", value = """
                            {"name":"FixMyStreet Riverside","owner":"mySociety","scopes":["open311.submit"]}"""))))
    @ApiResponse(responseCode = "201", description = "The key, shown this once", content = @Content(
            schema = @Schema(implementation = CreatedApiKey.class), examples = @ExampleObject(name = "created", value = """
                    {"apiKey":{"id":"3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b","name":"FixMyStreet Riverside","owner":"mySociety",
                      "prefix":"civ_3kq9","scopes":["open311.submit"],"createdAt":"2026-03-01T10:00:00Z","lastUsedAt":null,"revokedAt":null},
                     "key":"civ_3kq9Zt7pW2mXc8LrV4nB6yQ1sD5fH0jK"}""")))
    @ApiResponse(responseCode = "422", description = "The name, owner or scopes break a rule: each field named; nothing is written")
    CreatedApiKey create(@RequestBody NewApiKey request, @AuthenticationPrincipal CivitasPrincipal administrator) {
        Set<String> scopes = request.scopes() == null ? Set.of() : new LinkedHashSet<>(request.scopes());
        ApiKeys.CreatedKey created = apiKeys.create(request.name(), request.owner(), scopes, administrator.accountId());
        return new CreatedApiKey(created.key(), created.secret());
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke an API key", description = "The key stops working at once, on every node.")
    @ApiResponse(responseCode = "204", description = "Revoked (or it already was); no body")
    @ApiResponse(responseCode = "404", description = "No key has this id")
    ResponseEntity<Void> revoke(@PathVariable UUID id, @AuthenticationPrincipal CivitasPrincipal administrator) {
        if (apiKeys.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        apiKeys.revoke(id, administrator.accountId());
        return ResponseEntity.noContent().build();
    }
}
