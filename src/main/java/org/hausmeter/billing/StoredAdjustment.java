package org.hausmeter.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/** A one-time charge (positive) or credit (negative) of a tenancy's month, as stored (table {@code bill_adjustment}). */
public record StoredAdjustment(
        long id,
        long tenancyId,
        YearMonth month,
        String reason,
        BigDecimal net,
        BigDecimal vatPercent,
        String createdBy,
        Instant createdAt) {}
