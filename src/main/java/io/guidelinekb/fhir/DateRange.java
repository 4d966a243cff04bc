package io.guidelinekb.fhir;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days a FHIR date or dateTime may mean: {@code 1980} is any day of 1980, {@code 1980-05} any
 * day of May. A dateTime counts by the date written, in its own time zone, as a clinician reads it.
 */
record DateRange(LocalDate earliest, LocalDate latest) {

    private static final Pattern DATE = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?(T.*)?");

    static Optional<DateRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (m.group(2) == null) {
                return Optional.of(new DateRange(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
            }
            YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(2)));
            if (m.group(3) == null) {
                return Optional.of(new DateRange(month.atDay(1), month.atEndOfMonth()));
            }
            LocalDate day = month.atDay(Integer.parseInt(m.group(3)));
            return Optional.of(new DateRange(day, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    boolean exact() {
        return earliest.equals(latest);
    }

    /** The same range moved by {@code amount} of a UCUM unit, widened to the unit's end: an age of 45 a is a year long. */
    DateRange plus(long amount, String unit) {
        LocalDate from = add(earliest, amount, unit);
        LocalDate to = add(add(latest, amount + 1, unit), -1, "d");
        return new DateRange(from, to);
    }

    private static LocalDate add(LocalDate date, long amount, String unit) {
        return switch (unit) {
            case "a" -> date.plusYears(amount);
            case "mo" -> date.plusMonths(amount);
            case "wk" -> date.plusWeeks(amount);
            case "d" -> date.plusDays(amount);
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    @Override
    public String toString() {
        return exact() ? earliest.toString() : earliest + " to " + latest;
    }
}
