package io.guidelinekb.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-15", "2024-02-29", "2023-02-29", "2100-02-29", "2000-02-29", "2026-13-01",
            "2026-00-10", "2026-04-31", "2026-04-00", "0000-01-01", "9999-12-31", "+12026-01-15", "-0001-01-01",
            "2026-1-15", "2026/01/15", "20260115", "2026-01-1x", "２０２６-01-15", " 2026-01-15", "2026-01-15T00:00",
            ""})
    void readsDatesExactlyAsTheIsoParserDoes(String text) {
        assertEquals(iso(text), fast(text), text);
    }

    @Test
    void readsEveryDayOfFourHundredYearsAndTheirNeighboursAsTheIsoParserDoes() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02d", 1900 + random.nextInt(400), random.nextInt(14),
                    random.nextInt(33));
            assertEquals(iso(text), fast(text), text);
        }
    }

    private static String iso(String text) {
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeException e) {
            return "invalid";
        }
    }

    private static String fast(String text) {
        try {
            return Fields.parseDate(text).toString();
        } catch (DateTimeException e) {
            return "invalid";
        }
    }
}
