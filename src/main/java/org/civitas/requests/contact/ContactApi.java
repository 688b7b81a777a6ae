package org.civitas.requests.contact;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.requests.cases.CaseNotFound;
import org.civitas.requests.cases.Contact;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A requester's contact details through the API: with a stated purpose, and written to the access log. */
@RestController
@Tag(name = "Cases")
class ContactApi {

    record PurposeInput(@Schema(example = "update", description = "update, more-details, arrange-access or other") String purpose,
                        @Schema(example = "To tell them the crew is booked for Thursday",
                                description = "Why, in your words; needed with other; 500 characters at most") String detail) {
    }

    record ContactView(@Schema(example = "RBC-7K3M-9Q2P") String reference,
                       @Schema(example = "shown", description = "shown; none (the requester gave no contact details); erased "
                               + "(the requester's data has been erased)") String state,
                       @Schema(example = "Sam") String firstName, @Schema(example = "Jones") String lastName,
                       @Schema(example = "sam.jones@example.org") String email, @Schema(example = "07700 900123") String phone,
                       @Schema(description = "What the request keeps sealed about the person (issue 12): a private request's "
                               + "description, address, location and photo link, and answers to personal questions; null when there "
                               + "is none or it is erased") DetailsView details) {
    }

    record DetailsView(@Schema(example = "Loud music every night") String description,
                       @Schema(example = "17 Mill Lane") String address, String addressId,
                       @Schema(example = "51.4671") java.math.BigDecimal lat, @Schema(example = "-0.3112") java.math.BigDecimal lon,
                       String mediaUrl,
                       @Schema(example = "{\"vehicle_registration\":[\"AB12 CDE\"]}", description = "Answers to personal questions, by question code")
                       java.util.Map<String, java.util.List<String>> answers) {
        static DetailsView of(org.civitas.requests.cases.SealedDetails d) {
            return d == null ? null : new DetailsView(d.description(), d.addressString(), d.addressId(), d.lat(), d.lon(), d.mediaUrl(),
                    d.personalAnswers());
        }
    }

    private final ContactReveal reveal;

    ContactApi(ContactReveal reveal) {
        this.reveal = reveal;
    }

    @PostMapping(path = "/api/v1/cases/{reference}/contact", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Read a requester's contact details",
            description = "Also gives what the request keeps sealed about the person (a private request's description, address, "
                    + "location and photo link; answers to personal questions). Only with a purpose. Staff may read the contact details of their teams' cases (administrators: all); API "
                    + "keys need the requests.contact scope. Every read, and every refusal, is written to the access log, which the "
                    + "requester sees on \"Who has seen my data\".",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = PurposeInput.class), examples = {
                    @ExampleObject(name = "update", value = "{\"purpose\":\"update\"}"),
                    @ExampleObject(name = "other", value = "{\"purpose\":\"other\",\"detail\":\"To return a lost item found on site\"}")})))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ContactView.class), examples = {
            @ExampleObject(name = "shown", value = """
                    {"reference":"RBC-7K3M-9Q2P","state":"shown","firstName":"Sam","lastName":"Jones","email":"sam.jones@example.org","phone":"07700 900123",
                     "details":{"description":"Loud music every night","address":"17 Mill Lane","addressId":null,"lat":51.4671,"lon":-0.3112,
                                "mediaUrl":null,"answers":{}}}"""),
            @ExampleObject(name = "erased", value = """
                    {"reference":"RBC-7K3M-9Q2P","state":"erased","firstName":null,"lastName":null,"email":null,"phone":null,"details":null}""")}))
    @ApiResponse(responseCode = "403", description = "An API key without the requests.contact scope, or a resident (recorded as refused)")
    @ApiResponse(responseCode = "404", description = "No case has this reference, or it belongs to another team (recorded as refused)")
    @ApiResponse(responseCode = "422", description = "The purpose is missing or unknown, or other without words (fields purpose, detail)")
    ContactView contact(@PathVariable String reference, @RequestBody(required = false) PurposeInput input, Authentication caller) {
        PurposeInput given = input == null ? new PurposeInput(null, null) : input;
        ContactReveal.Revealed revealed;
        try {
            revealed = reveal.reveal(caller, reference, given.purpose(), given.detail());
        }
        catch (ContactReveal.Refused refused) {
            if (refused.forbidden()) {
                throw new AccessDeniedException("no access to contact details");
            }
            throw new CaseNotFound();
        }
        Contact contact = revealed.contact();
        String state = switch (revealed.state()) {
            case SHOWN -> "shown";
            case NONE_GIVEN -> "none";
            case ERASED -> "erased";
        };
        DetailsView details = DetailsView.of(revealed.details());
        return contact == null ? new ContactView(revealed.reference(), state, null, null, null, null, details)
                : new ContactView(revealed.reference(), state, contact.firstName(), contact.lastName(), contact.email(), contact.phone(),
                        details);
    }
}
