package org.hausmeter.allocation;

/**
 * How the PV production of one quarter hour is split among the consumers (docs/domain.md 3).
 *
 * <p>In every key a consumer's allocation is capped at his own consumption in that quarter hour
 * (§ 42b Abs. 5 no. 3 EnWG, Austrian § 16a ElWOG practice, French D315-6) and whatever is not allocated is
 * exported (surplus). Shares s_i below are weights: consumer i's share is s_i / Σs.
 */
public enum AllocationKey {

    /**
     * Default. a_i = min(c_i, P·c_i/Σc): in proportion to consumption (German "dynamic" key, Austrian dynamic
     * key, French default pro rata). Allocates min(P, Σc), favours large consumers. Needs no shares.
     */
    DYNAMIC_PROPORTIONAL(false, false),

    /**
     * a_i = min(c_i, P·s_i/Σs): fixed shares; a share the consumer cannot use in the quarter hour is exported,
     * not passed on (German/Austrian "static" key). May leave allocable energy unallocated.
     */
    STATIC_SHARES(true, false),

    /**
     * Fixed shares with water-filling ("fair share"): what a consumer cannot use is offered again to the
     * others in proportion to their shares, round after round, until everyone is capped or P is used up.
     * Allocates min(P, Σ c_i over consumers with a positive share).
     */
    STATIC_WITH_REDISTRIBUTION(true, true),

    /**
     * Static key with all shares equal, no redistribution: the fallback of § 42b Abs. 5 no. 2 EnWG ("if in
     * doubt, equal shares"), read literally as a static key. Needs no shares.
     */
    EQUAL_SHARES(false, false),

    /**
     * Equal shares with water-filling: nobody gets less than another consumer who still has unmet
     * consumption (the "fair-share" key of docs/domain.md 3.1). Allocates min(P, Σc). Needs no shares.
     */
    EQUAL_SHARES_WITH_REDISTRIBUTION(false, true);

    private final boolean needsShares;
    private final boolean redistributes;

    AllocationKey(boolean needsShares, boolean redistributes) {
        this.needsShares = needsShares;
        this.redistributes = redistributes;
    }

    /** @return true if the key needs explicit {@link Shares}, false if it derives its weights itself */
    public boolean needsShares() {
        return needsShares;
    }

    /** @return true if energy a consumer cannot use is offered to the others instead of being exported */
    public boolean redistributes() {
        return redistributes;
    }
}
