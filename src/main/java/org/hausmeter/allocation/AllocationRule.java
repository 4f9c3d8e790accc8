package org.hausmeter.allocation;

import java.util.Objects;

/**
 * An allocation key together with the shares it needs.
 *
 * @param key the key
 * @param shares the fixed shares for {@link AllocationKey#STATIC_SHARES} and
 *     {@link AllocationKey#STATIC_WITH_REDISTRIBUTION}; null for the other keys
 */
public record AllocationRule(AllocationKey key, Shares shares) {

    public AllocationRule {
        Objects.requireNonNull(key, "key");
        if (key.needsShares() && shares == null) {
            throw new IllegalArgumentException("Key [" + key + "] needs shares");
        }
        if (!key.needsShares() && shares != null) {
            throw new IllegalArgumentException("Key [" + key + "] takes no shares, got [" + shares + "]");
        }
    }

    /** @return the default key, {@link AllocationKey#DYNAMIC_PROPORTIONAL} */
    public static AllocationRule dynamic() {
        return new AllocationRule(AllocationKey.DYNAMIC_PROPORTIONAL, null);
    }

    /** @return {@link AllocationKey#STATIC_SHARES} with these shares */
    public static AllocationRule staticShares(Shares shares) {
        return new AllocationRule(AllocationKey.STATIC_SHARES, shares);
    }

    /** @return {@link AllocationKey#STATIC_WITH_REDISTRIBUTION} with these shares */
    public static AllocationRule staticWithRedistribution(Shares shares) {
        return new AllocationRule(AllocationKey.STATIC_WITH_REDISTRIBUTION, shares);
    }

    /** @return {@link AllocationKey#EQUAL_SHARES} */
    public static AllocationRule equalShares() {
        return new AllocationRule(AllocationKey.EQUAL_SHARES, null);
    }

    /** @return {@link AllocationKey#EQUAL_SHARES_WITH_REDISTRIBUTION} */
    public static AllocationRule equalSharesWithRedistribution() {
        return new AllocationRule(AllocationKey.EQUAL_SHARES_WITH_REDISTRIBUTION, null);
    }
}
