package org.civitas.platform.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.civitas.platform.Languages;

/**
 * The one place that writes dates and times for people to read, in the reader's language, as GOV.UK
 * and GOV.UK Wales write them: "6 December 2026, 2:30pm" and "6 Rhagfyr 2026, 2:30yh" (yb before
 * midday, yh after). Month and day names come from the JDK's CLDR data for en-GB and cy-GB. Machines
 * get ISO-8601 instead (APIs, {@code <time datetime>}).
 */
public final class ShownTimes {

    private static final Locale WELSH = Locale.forLanguageTag("cy-GB");

    private ShownTimes() {
    }

    /** "6 December 2026" / "6 Rhagfyr 2026". */
    public static String date(LocalDate day, Locale locale) {
        return DateTimeFormatter.ofPattern("d MMMM yyyy", readers(locale)).format(day);
    }

    /** "Sunday 6 December 2026" / "Dydd Sul 6 Rhagfyr 2026". */
    public static String dayAndDate(LocalDate day, Locale locale) {
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", readers(locale)).format(day);
    }

    /** "2:30pm" / "2:30yh", "9:05am" / "9:05yb"; midday is 12:00pm / 12:00yh. */
    public static String time(LocalTime time, Locale locale) {
        int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        boolean morning = time.getHour() < 12;
        boolean welsh = Languages.WELSH.equals(Languages.code(locale));
        String suffix = welsh ? (morning ? "yb" : "yh") : (morning ? "am" : "pm");
        return hour + ":" + String.format(Locale.ROOT, "%02d", time.getMinute()) + suffix;
    }

    /** "6 December 2026, 2:30pm" / "6 Rhagfyr 2026, 2:30yh", in {@code zone}. */
    public static String dateTime(Instant at, ZoneId zone, Locale locale) {
        var local = at.atZone(zone);
        return date(local.toLocalDate(), locale) + ", " + time(local.toLocalTime(), locale);
    }

    private static Locale readers(Locale locale) {
        return Languages.WELSH.equals(Languages.code(locale)) ? WELSH : Locale.UK;
    }
}
