package io.guidelinekb.engine;

import io.guidelinekb.model.Firing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;

/** Listens to a session and keeps the engine's own record of which rule fired, on what, concluding what. */
public final class FiringRecorder {

    private final List<Firing> firings = new ArrayList<>();
    private Match current;
    private List<Object> concluded = new ArrayList<>();

    void attachTo(KieSession session) {
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
                current = event.getMatch();
                concluded = new ArrayList<>();
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                Match match = event.getMatch();
                Map<String, Object> bindings = new HashMap<>();
                for (String id : match.getDeclarationIds()) {
                    Object value = match.getDeclarationValue(id);
                    if (value != null) {
                        bindings.put(id, value);
                    }
                }
                firings.add(new Firing(match.getRule().getName(), bindings, concluded));
                current = null;
            }
        });
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (current != null && event.getRule() != null) {
                    concluded.add(event.getObject());
                }
            }
        });
    }

    List<Firing> firings() {
        return List.copyOf(firings);
    }
}
