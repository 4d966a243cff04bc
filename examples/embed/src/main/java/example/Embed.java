package example;

import io.guidelinekb.EpisodeResultJson;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.RuleLoadException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the rules, evaluates one episode and prints what an order alert would show, which guideline
 * and version said so, and the result as JSON.
 */
public final class Embed {

    private static final Logger LOG = LoggerFactory.getLogger(Embed.class);

    public static void main(String[] args) throws RuleLoadException {
        // The guideline as the library's jar packages it; a folder of rules when one is given.
        KnowledgeBase kb = args.length > 0 ? KnowledgeBase.load(Path.of(args[0])) : KnowledgeBase.loadFromClasspath();
        LOG.info("loaded {} ({})", kb.guideline().id(), kb.version());
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        Patient patient = Patient.bornOn("p-001", LocalDate.of(1980, 5, 1), asOf);
        Episode episode = Episode.builder("e-001", "p-001", asOf)
                .onset(LocalDate.of(2026, 2, 17)).finding("LOW_BACK_PAIN", true)
                .finding("RED_FLAGS_SCREENED", true).propose("MRI").build();
        EpisodeResult result = kb.evaluate(patient, episode);
        Guideline guideline = result.guideline();
        System.out.println(result.status() + " " + result.triggeredAgainst().stream()
                .map(r -> r.id() + " " + r.strength().symbol()).toList()
                + " by " + guideline.id() + " " + guideline.version() + " (" + guideline.review().status().code() + "), "
                + result.knowledgeBaseVersion());
        System.out.println(EpisodeResultJson.toJson(result));
    }
}
