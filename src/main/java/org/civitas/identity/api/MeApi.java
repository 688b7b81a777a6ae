package org.civitas.identity.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.identity.ApiClient;
import org.civitas.identity.CivitasPrincipal;
import org.civitas.identity.Role;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells a caller who the API takes it for: a quick check that a key or session works. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity")
class MeApi {

    record Me(String type, UUID id, String name, List<String> roles, List<String> scopes) {
    }

    @GetMapping
    @Operation(summary = "Who am I", description = "The account or API client the request is authenticated as. "
            + "Accepts a session or an API key (header `Authorization: ApiKey <key>` or `X-Api-Key`).")
    @ApiResponse(responseCode = "200", description = "Who the request is authenticated as", content = @Content(
            schema = @Schema(implementation = Me.class), examples = {
                    @ExampleObject(name = "member of staff", value = """
                            {"type":"account","id":"6f1c2a9e-0d51-4c1b-9b0f-1f3e1c2d3a4b","name":"Casey Worker","roles":["caseworker"],"scopes":[]}"""),
                    @ExampleObject(name = "API key", value = """
                            {"type":"api-client","id":"3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b","name":"FixMyStreet Riverside","roles":[],
                             "scopes":["open311.submit"]}""")}))
    Me me(Authentication authentication) {
        if (authentication.getPrincipal() instanceof ApiClient client) {
            return new Me("api-client", client.keyId(), client.name(), List.of(), List.copyOf(client.scopes()));
        }
        CivitasPrincipal person = (CivitasPrincipal) authentication.getPrincipal();
        return new Me("account", person.accountId(), person.displayName(),
                person.roles().stream().map(Role::code).sorted().toList(), List.of());
    }
}
