package io.infrapivot.engine;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.LookupResult;
import io.infrapivot.source.RequestGate;
import io.infrapivot.source.RunOptions;
import io.infrapivot.source.Source;
import io.infrapivot.source.SourceInfo;
import io.infrapivot.source.SourceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One lookup (one source, one indicator) on its way down the {@link Step} chain. What the steps learn on
 * the way (when the request went, the source's raw result, a request held back by our own limits) is set
 * here by the step that learns it and read by the step that needs it (the store step stores the raw result).
 */
final class LookupCall {
    final LookupSession session;
    final Source source;
    final Indicator indicator;
    final Selection selection;
    final RunOptions options;
    final Duration timeout;
    final boolean refresh;
    final SourceSettings settings;
    /** The source's {@link Source#cacheKey}: the lookup log keeps answers per key. */
    final String params;
    /** Hears the answer before it is stored (may be null). */
    final Consumer<SourceOutcome> answered;

    /** Set by the admission step: asked before each later request of the lookup. */
    volatile RequestGate gate = RequestGate.OPEN;
    /** Set by the admission step when a later request was refused (budget or rate limit): the answer is partial. */
    volatile Refusal heldBack;
    /** Set by the source step. */
    volatile Instant started;
    volatile LookupResult result;
    /** Whether {@link #answered} heard this lookup already. */
    volatile boolean heard;

    LookupCall(LookupSession session, Source source, Indicator indicator, Selection selection, RunOptions options,
               Duration timeout, boolean refresh, SourceSettings settings, Consumer<SourceOutcome> answered) {
        this.session = session;
        this.source = source;
        this.indicator = indicator;
        this.selection = selection;
        this.options = options;
        this.timeout = timeout;
        this.refresh = refresh;
        this.settings = settings;
        this.answered = answered;
        this.params = source.cacheKey(options, settings);
    }

    SourceInfo info() {
        return source.info();
    }

    String sourceId() {
        return source.info().id();
    }

    SourceOutcome refuse(Refusal refusal, String message) {
        return SourceOutcome.refused(indicator, info(), refusal, message);
    }

    /** Tells the per-lookup listener the answer, once. */
    void hear(SourceOutcome o) {
        if (heard) return;
        heard = true;
        if (answered != null) answered.accept(o);
    }
}
