package io.guidelinekb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.model.RuleInfo;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.Provenance;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.Vocabulary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ThreadSafeOption;

/**
 * One guideline's rules, compiled into an engine of their own: what its sessions need. A knowledge
 * base holds one of these per guideline folder.
 */
public final class GuidelineRules {

    private final Guideline guideline;
    private final JsonNode descriptor;
    private final String version;
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final KieSessionConfiguration sessionConfiguration;
    private final List<RecommendationDefinition> recommendations;
    private final Map<String, String> fileOfRule;
    private final Map<String, Provenance> provenance = new ConcurrentHashMap<>();
    private final Map<String, Integer> positionOfRecommendation = new HashMap<>();
    private final Evaluator evaluator;
    private final Explainer explainer;
    private final List<RuleInfo> rules;
    private final Vocabulary vocabulary;
    private final boolean casesShareSessions;

    public GuidelineRules(Guideline guideline, JsonNode descriptor, String version, KieBase kieBase, RuleCatalog catalog) {
        this.guideline = guideline;
        this.descriptor = descriptor;
        this.version = version;
        this.kieBase = kieBase;
        this.vocabulary = catalog.vocabulary();
        // Pooled sessions keep their network memory between evaluations: about 40% cheaper than new ones.
        this.sessions = kieBase.newKieSessionsPool(POOLED);
        // A session serves one evaluation on one thread at a time (the pool hands it over safely),
        // so it needs none of the locking a session shared between threads does: 5% faster.
        this.sessionConfiguration = KieServices.get().newKieSessionConfiguration();
        if (!ExecutableModel.builtFromClasses(kieBase)) {
            sessionConfiguration.setOption(ThreadSafeOption.NO);
        }
        this.recommendations = catalog.rules().stream()
                .map(RuleCatalog.RuleEntry::definition).filter(Objects::nonNull).toList();
        this.fileOfRule = catalog.rules().stream().collect(Collectors.toUnmodifiableMap(
                RuleCatalog.RuleEntry::name, r -> r.file().displayPath()));
        recommendations.stream().map(RecommendationDefinition::id).distinct().sorted()
                .forEach(id -> positionOfRecommendation.put(id, positionOfRecommendation.size()));
        this.casesShareSessions = catalog.rules().stream().allMatch(r -> r.untied() == null);
        leaveTemplates(catalog);
        this.evaluator = new Evaluator(this);
        this.explainer = new Explainer(catalog.rules());
        this.rules = catalog.rules().stream().map(r -> new RuleInfo(r.name(), r.file().displayPath(), r.line(),
                r.definition() == null ? null : r.definition().id(), r.asksMoreThanScope())).toList();
    }

    /** Where {@link Recommendation#given} looks for what a rule gives. */
    private static final String PREPARED = "io.guidelinekb.prepared";

    /**
     * Leaves on each recommendation rule, once, what it gives for an episode (see
     * {@link Recommendation#given}): its parsed definition and its full provenance, not worked out on
     * every firing.
     */
    private void leaveTemplates(RuleCatalog catalog) {
        Map<String, RecommendationDefinition> byRule = new HashMap<>();
        catalog.rules().stream().filter(r -> r.definition() != null).forEach(r -> byRule.put(r.name(), r.definition()));
        List<String[]> retired = new java.util.ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RecommendationDefinition definition = byRule.get(rule.getName());
                if (definition != null && definition.lifecycle() == io.guidelinekb.model.Lifecycle.RETIRED) {
                    retired.add(new String[] {kiePackage.getName(), rule.getName()});
                    continue;
                }
                // Drools' public Rule exposes its metadata read-only; its implementation takes additions.
                if (definition != null && rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl) {
                    Provenance provenance = provenanceOf(rule.getName());
                    Function<Episode, Recommendation> give = episode -> given(definition, provenance, episode, vocabulary);
                    impl.addMetaAttribute(PREPARED, give);
                }
            }
        }
        // a retired recommendation is never given: its rule leaves the engine before any session exists
        retired.forEach(rule -> kieBase.removeRule(rule[0], rule[1]));
    }

    private static Recommendation given(RecommendationDefinition definition, Provenance provenance, Episode episode,
                                        Vocabulary vocabulary) {
        return Recommendation.of(definition, episode, provenance, vocabulary);
    }

    /** What the guideline talks about: the ids its rules, scenarios and bindings use. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public Guideline guideline() {
        return guideline;
    }

    /** The guideline's descriptor file as read, for the words of cards and reports; null without one. */
    public JsonNode descriptor() {
        return descriptor;
    }

    String version() {
        return version;
    }

    /**
     * Whether many cases may share a session: every pattern of every rule is tied to its case by id
     * ({@link EpisodeJoins}), so no rule sees a neighbour's facts.
     */
    public boolean casesShareSessions() {
        return casesShareSessions;
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    public Explainer explainer() {
        return explainer;
    }

    public List<RuleInfo> rules() {
        return rules;
    }

    public List<RecommendationDefinition> recommendations() {
        return recommendations;
    }

    KieBase kieBase() {
        return kieBase;
    }

    /**
     * A session from the pool for one thread; closing the lease returns it, reset. No more are lent
     * at once than the pool was made with: past that, Drools' pool (10.2.0's {@code ScalablePool})
     * creates its overflow list without a lock, and two threads could take one session. Evaluation
     * is work for a core, so a thread beyond them waits for a session instead.
     */
    Lease lease() {
        lendable.acquireUninterruptibly();
        try {
            int now = lent.incrementAndGet();
            mostLentAtOnce.accumulateAndGet(now, Math::max);
            return new Lease(sessions.newKieSession(sessionConfiguration));
        } catch (RuntimeException | Error e) {
            lent.decrementAndGet();
            lendable.release();
            throw e;
        }
    }

    /** The most sessions this guideline's pool has lent at one time. */
    public int mostLentAtOnce() {
        return mostLentAtOnce.get();
    }

    /** How many sessions the pool holds, and so lends at once. */
    public static final int POOLED = Runtime.getRuntime().availableProcessors();

    private final java.util.concurrent.Semaphore lendable = new java.util.concurrent.Semaphore(POOLED);
    private final java.util.concurrent.atomic.AtomicInteger lent = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger mostLentAtOnce = new java.util.concurrent.atomic.AtomicInteger();

    /** A pooled session lent to one thread. */
    final class Lease implements AutoCloseable {
        private final KieSession session;

        private Lease(KieSession session) {
            this.session = session;
        }

        KieSession session() {
            return session;
        }

        @Override
        public void close() {
            try {
                session.close();
            } finally {
                lent.decrementAndGet();
                lendable.release();
            }
        }
    }

    /** Where a recommendation goes among the others, sorted by id; -1 for an id no rule declares. */
    int positionOf(String recommendationId) {
        Integer position = positionOfRecommendation.get(recommendationId);
        return position == null ? -1 : position;
    }

    /** The provenance of what a rule concludes: made once per rule, shared by every result. */
    Provenance provenanceOf(String ruleName) {
        return provenance.computeIfAbsent(ruleName, rule -> new Provenance(rule, fileOfRule.get(rule), version, guideline));
    }
}
