package io.guidelinekb;

import io.guidelinekb.model.EpisodeResult;

/** Told of every evaluation a knowledge base makes: an application's metrics ({@link KnowledgeBase#recordingTo}). */
interface EvaluationObserver {

    EvaluationObserver NONE = (result, nanos) -> { };

    void evaluated(EpisodeResult result, long nanos);
}
