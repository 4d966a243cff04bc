package io.guidelinekb.model;

import java.util.List;
import java.util.Objects;

/**
 * What a recommendation's panel wrote besides its text, as MAGICapp shows it: the rationale, the
 * references (each a citation with its link) and the question it answers (PICO). All optional; a
 * rule declares them with {@code @rationaleDa}, {@code @rationaleEn}, {@code @references},
 * {@code @population}, {@code @intervention}, {@code @comparison} and {@code @outcomes}.
 *
 * @param rationaleDa why the panel recommends as it does, in Danish, or {@code null}
 * @param rationaleEn the same in English, or {@code null}
 * @param references  the sources cited, in the order written
 * @param pico        the question the recommendation answers
 */
public record PanelNotes(String rationaleDa, String rationaleEn, List<Reference> references, Pico pico) {

    /** No notes: what a rule that declares none has. */
    public static final PanelNotes NONE = new PanelNotes(null, null, List.of(), Pico.NONE);

    /**
     * Copies the references.
     *
     * @param rationaleDa why the panel recommends as it does, in Danish, or {@code null}
     * @param rationaleEn the same in English, or {@code null}
     * @param references  the sources cited
     * @param pico        the question the recommendation answers
     */
    public PanelNotes {
        references = List.copyOf(references);
        Objects.requireNonNull(pico, "pico must not be null");
    }

    /**
     * A source, as cited, with where to read it.
     *
     * @param citation the citation as the panel wrote it
     * @param url      an https address
     */
    public record Reference(String citation, String url) {
    }

    /**
     * The question a recommendation answers: for whom, what, against what, judged by which outcomes.
     *
     * @param population   the patients, or {@code null}
     * @param intervention what is done, or {@code null}
     * @param comparison   what it is compared with, or {@code null}
     * @param outcomes     what was measured, or {@code null}
     */
    public record Pico(String population, String intervention, String comparison, String outcomes) {

        /** No question stated. */
        public static final Pico NONE = new Pico(null, null, null, null);

        /**
         * Whether no part is stated.
         *
         * @return true when all four are {@code null}
         */
        public boolean isEmpty() {
            return population == null && intervention == null && comparison == null && outcomes == null;
        }
    }

    /**
     * The rationale in a language.
     *
     * @param language the language
     * @return the rationale, or {@code null} when none is written in that language
     */
    public String rationale(Language language) {
        return language.pick(rationaleDa, rationaleEn);
    }

    /**
     * Whether the panel wrote nothing besides the text.
     *
     * @return true when there is no rationale, reference or PICO
     */
    public boolean isEmpty() {
        return rationaleDa == null && rationaleEn == null && references.isEmpty() && pico.isEmpty();
    }
}
