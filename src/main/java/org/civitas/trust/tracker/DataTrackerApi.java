package org.civitas.trust.tracker;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.platform.SignedInUser;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** "Who has seen my data" as JSON, for the signed-in person. */
@RestController
@Tag(name = "Your data", description = "Who has seen your personal data, and why")
class DataTrackerApi {

    record ViewerView(@Schema(example = "staff", description = "staff, api (a partner's or app's API key), citizen (you) or system") String kind,
                      @Schema(example = "Riverside Borough Council") String organisation,
                      @Schema(example = "Highways") String team,
                      @Schema(example = "Caseworker") String role,
                      @Schema(description = "The member of staff's name, only if the body shows staff names; else null") String name) {
    }

    record AccessView(@Schema(example = "2026-03-11T09:05:00Z") String at,
                      @Schema(example = "reveal", description = "reveal, api-read, export, erase or retention") String action,
                      @Schema(example = "granted", description = "granted, or refused: someone tried and was not allowed") String outcome,
                      @Schema(example = "[\"Email address\",\"Phone number\"]") List<String> fields,
                      @Schema(example = "To update you about your request") String purpose,
                      @Schema(description = "The words the viewer gave, if any") String purposeDetail,
                      @Schema(example = "RBC-7K3M-9Q2P", description = "The request the data was reached through, if any") String resource,
                      ViewerView viewer) {
    }

    private final DataTracker tracker;

    DataTrackerApi(DataTracker tracker) {
        this.tracker = tracker;
    }

    @GetMapping(path = "/api/v1/me/data-access", produces = "application/json")
    @Operation(summary = "Who has seen my data",
            description = "Every access to your personal data (your account and the contact details you gave with your requests), "
                    + "newest first: when, who (organisation, team and role), why and which details. Needs you to be signed in.")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = AccessView.class)),
            examples = @ExampleObject(name = "accesses", value = """
                    [{"at":"2026-03-11T09:05:00Z","action":"reveal","outcome":"granted","fields":["First name","Email address"],
                      "purpose":"To update them about this request","purposeDetail":null,"resource":"RBC-7K3M-9Q2P",
                      "viewer":{"kind":"staff","organisation":"Riverside Borough Council","team":"Highways","role":"Caseworker","name":null}}]""")))
    @ApiResponse(responseCode = "401", description = "Not signed in")
    List<AccessView> accesses(Authentication authentication) {
        SignedInUser person = (SignedInUser) authentication.getPrincipal();
        var locale = LocaleContextHolder.getLocale();
        return tracker.rows(person.accountId(), locale).stream().map(row -> new AccessView(row.atIso(), row.action(),
                row.granted() ? "granted" : "refused", row.fields(), row.purpose(), row.detail(), row.resource(),
                new ViewerView(row.kind(), row.organisation(), row.team(), row.role(), row.name()))).toList();
    }
}
