package org.civitas.catalogue.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.civitas.catalogue.BankHolidays;
import org.civitas.catalogue.BankHolidays.BankHoliday;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators keep the body's bank holidays, which SLAs leave out of working time. */
@RestController
@RequestMapping("/api/v1/admin/bank-holidays")
@Tag(name = "Administration")
class BankHolidaysApi {

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    record NewBankHoliday(@Schema(example = "2028-05-08", description = "ISO-8601 date") String date,
                          @Schema(example = "VE Day") String name) {
    }

    private final BankHolidays holidays;

    BankHolidaysApi(BankHolidays holidays) {
        this.holidays = holidays;
    }

    @GetMapping
    @Operation(summary = "List the bank holidays of a year")
    @ApiResponse(responseCode = "200", description = "The holidays in date order", content = @Content(
            array = @ArraySchema(schema = @Schema(implementation = BankHoliday.class)), examples = @ExampleObject(name = "holidays", value = """
                    [{"day":"2030-01-01","name":"New Year’s Day"},{"day":"2030-04-19","name":"Good Friday"}]""")))
    @ApiResponse(responseCode = "422", description = "The year is not a four-digit year from 2000 to 2100")
    List<BankHoliday> list(@Parameter(description = "Four-digit year from 2000 to 2100", example = "2030") @RequestParam String year) {
        if (!YEAR.matcher(year).matches()) {
            throw new InvalidInput(List.of(new Violation("year", "catalogue.bankHoliday.year.range")));
        }
        return holidays.inYear(Integer.parseInt(year));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a bank holiday",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = NewBankHoliday.class), examples = @ExampleObject(name = "holiday", value = """
                            {"date":"2028-05-08","name":"VE Day"}"""))))
    @ApiResponse(responseCode = "201", description = "The holiday", content = @Content(schema = @Schema(implementation = BankHoliday.class),
            examples = @ExampleObject(name = "added", value = """
                    {"day":"2028-05-08","name":"VE Day"}""")))
    @ApiResponse(responseCode = "422", description = "The date is missing, not a real date, outside 2000-2100 or already a holiday, or the name is empty or too long")
    BankHoliday add(@RequestBody NewBankHoliday request) {
        return holidays.add(date(request.date()), request.name());
    }

    @DeleteMapping("/{date}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a bank holiday")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "No bank holiday on that date")
    void remove(@Parameter(example = "2028-05-08") @PathVariable String date) {
        LocalDate day;
        try {
            day = date(date);
        } catch (InvalidInput notADate) {
            throw new BankHolidays.NoSuchHoliday();
        }
        holidays.remove(day);
    }

    /** An ISO date, checked for shape before it is parsed; {@code null} when absent (the use case names it). */
    private static LocalDate date(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!ISO_DATE.matcher(text).matches()) {
            throw new InvalidInput(List.of(new Violation("date", "catalogue.bankHoliday.date.real")));
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidInput(List.of(new Violation("date", "catalogue.bankHoliday.date.real")));
        }
    }
}
