package org.civitas.catalogue.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.civitas.catalogue.BankHolidays;
import org.civitas.platform.CivitasProperties;
import org.civitas.platform.InvalidInput;
import org.civitas.platform.PageController;
import org.civitas.platform.Violation;
import org.civitas.platform.web.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Administrators see a year's bank holidays, add one (GOV.UK date input) and remove one. */
@PageController
class BankHolidayPages {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,4}");

    private final BankHolidays holidays;
    private final MessageSource messages;
    private final CivitasProperties properties;

    BankHolidayPages(BankHolidays holidays, MessageSource messages, CivitasProperties properties) {
        this.holidays = holidays;
        this.messages = messages;
        this.properties = properties;
    }

    @GetMapping("/admin/bank-holidays")
    String list(@RequestParam(required = false) String year, @RequestParam(required = false) String done, Model model,
                HttpServletResponse response) {
        int shown = ZonedDateTime.now(properties.timeZone()).getYear();
        List<Violation> violations = new ArrayList<>();
        if (year != null) {
            int asked = number(year);
            if (asked < BankHolidays.FIRST_YEAR || asked > BankHolidays.LAST_YEAR) {
                violations.add(new Violation("year", "catalogue.bankHoliday.year.range"));
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            } else {
                shown = asked;
            }
        }
        model.addAttribute("done", "added".equals(done) || "removed".equals(done) ? done : null);
        return page(model, shown, violations, "", "", "", "");
    }

    @PostMapping("/admin/bank-holidays")
    String add(@RequestParam(name = "date", required = false) String day, @RequestParam(name = "date-month", required = false) String month,
               @RequestParam(name = "date-year", required = false) String year, @RequestParam(required = false) String name,
               HttpServletResponse response, Model model) {
        LocalDate date = null;
        List<Violation> violations = new ArrayList<>();
        int d = number(day), m = number(month), y = number(year);
        if (blank(day) && blank(month) && blank(year)) {
            violations.add(new Violation("date", "catalogue.bankHoliday.date.required"));
        } else if (d < 0 || m < 0 || y < 0) {
            violations.add(new Violation("date", "catalogue.bankHoliday.date.real"));
        } else {
            try {
                date = LocalDate.of(y, m, d);
            } catch (DateTimeException e) {
                violations.add(new Violation("date", "catalogue.bankHoliday.date.real"));
            }
        }
        try {
            if (!violations.isEmpty()) {
                throw new InvalidInput(violations);
            }
            holidays.add(date, name);
            return "redirect:/admin/bank-holidays?year=" + date.getYear() + "&done=added";
        } catch (InvalidInput invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("done", null);
            return page(model, date == null ? ZonedDateTime.now(properties.timeZone()).getYear() : date.getYear(), invalid.violations(),
                    orEmpty(day), orEmpty(month), orEmpty(year), orEmpty(name));
        }
    }

    @PostMapping("/admin/bank-holidays/{day}/remove")
    String remove(@PathVariable String day) {
        LocalDate date;
        try {
            date = day.length() == 10 ? LocalDate.parse(day) : null;
        } catch (DateTimeException e) {
            date = null;
        }
        if (date == null) {
            throw new BankHolidays.NoSuchHoliday();
        }
        holidays.remove(date);
        return "redirect:/admin/bank-holidays?year=" + date.getYear() + "&done=removed";
    }

    private String page(Model model, int year, List<Violation> violations, String day, String month, String yearTyped, String name) {
        Locale locale = LocaleContextHolder.getLocale();
        List<FieldProblem> problems = violations.stream()
                .map(v -> new FieldProblem(v.field(), messages.getMessage(v.messageKey(), null, locale))).toList();
        model.addAttribute("year", year);
        model.addAttribute("holidays", holidays.inYear(year));
        model.addAttribute("problems", problems);
        model.addAttribute("day", day);
        model.addAttribute("month", month);
        model.addAttribute("yearTyped", yearTyped);
        model.addAttribute("name", name);
        return "catalogue/admin/bankHolidays";
    }

    /** A day, month or year of at most four digits, or -1. Nothing longer reaches arithmetic. */
    private static int number(String value) {
        String trimmed = value == null ? "" : value.strip();
        return DIGITS.matcher(trimmed).matches() ? Integer.parseInt(trimmed) : -1;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
