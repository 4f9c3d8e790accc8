-- Calibration register (issue 16, MessEG/MessEV): the year a meter was verified or put on the market with its
-- conformity declaration (MID), and an explicit end of validity for meters whose period differs (re-verification).
-- Without valid_until the validity ends on 31 December of verified_year + 8 (electricity meters, MessEV § 34 and
-- Anlage 7); the rule is org.hausmeter.ledger.Calibration.
ALTER TABLE meter ADD COLUMN verified_year smallint CHECK (verified_year BETWEEN 1950 AND 2200);
-- Last day (local, inclusive) the meter may be used for billing.
ALTER TABLE meter ADD COLUMN valid_until date;
