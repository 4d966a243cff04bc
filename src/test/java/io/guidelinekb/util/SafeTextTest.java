package io.guidelinekb.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which author's texts may be shown as they are. */
class SafeTextTest {

    private static final String LINK = "holds a javascript: link; link to the guideline with https only";

    @Test
    void aJavascriptLinkIsFoundHoweverItIsCasedOrSpaced() {
        for (String text : List.of("see javascript:alert(1)", "JavaScript:x", "java script :x", "j a v a s c r i p t:x",
                "Java Script: x")) {
            assertEquals(LINK, SafeText.problem(text), text);
        }
        // other whitespace is a control character, which is refused first
        assertEquals("holds the control character U+000B; write plain text on one line", SafeText.problem("JAVA\u000BSCRIPT:x"));
    }

    @Test
    void plainTextAndOrdinaryLinksPass() {
        for (String text : List.of("Tilbyd MR-scanning: ved mistanke", "https://www.sst.dk/x", "ratio 2:1", "java is not a link",
                "script: none")) {
            assertNull(SafeText.problem(text), text);
        }
    }
}
