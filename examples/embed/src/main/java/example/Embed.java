package example;

import io.guidelinekb.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.RuleLoadException;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.PainLocation;
import io.guidelinekb.model.Patient;
import java.nio.file.Path;
import java.time.LocalDate;

/** Loads the rules, evaluates one episode and prints what an order alert would show. */
public final class Embed {

    public static void main(String[] args) throws RuleLoadException {
        // The guideline as the library's jar packages it; a folder of rules when one is given.
        KnowledgeBase kb = args.length > 0 ? KnowledgeBase.load(Path.of(args[0])) : KnowledgeBase.loadFromClasspath();
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        Patient patient = Patient.bornOn("p-001", LocalDate.of(1980, 5, 1), asOf);
        Episode episode = Episode.builder("e-001", "p-001", asOf)
                .onset(LocalDate.of(2026, 2, 17)).painLocation(PainLocation.LOW_BACK)
                .redFlagsScreened(true).proposedInterventions(Intervention.MRI).build();
        EpisodeResult result = kb.evaluate(patient, episode);
        System.out.println(result.status() + " " + result.triggeredAgainst().stream()
                .map(r -> r.id() + " " + r.strength().symbol()).toList());
    }
}
