package org.hausmeter.ledger;

import java.time.Instant;

/**
 * CDI event: readings of [from, to) were stored and derived in one go (the demo's simulated history on
 * first start), so consumers such as the demo's first bill runs can follow.
 */
public record HistoryReady(Instant from, Instant to) {}
