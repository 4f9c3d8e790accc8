-- Card groups and their EV prices, the resident's charge mode per session (issue 18, items 4 and 5).
-- docs/charging.md "Card groups and prices" and "Power control"; docs/data-model.md.

-- A card's price group: RESIDENT (the tariff's EV prices) unless the caretaker puts it in another group.
ALTER TABLE charging_card
    ADD COLUMN card_group text NOT NULL DEFAULT 'RESIDENT' CHECK (card_group ~ '^[A-Z][A-Z0-9_]{0,31}$');

-- The group is copied to the session at its start: a later change of the card's group does not reprice it.
-- charge_mode: what the resident chose for the power control; sessions before V75 charged at the charger's
-- fixed current, which is FAST.
ALTER TABLE charging_session
    ADD COLUMN card_group text NOT NULL DEFAULT 'RESIDENT' CHECK (card_group ~ '^[A-Z][A-Z0-9_]{0,31}$'),
    ADD COLUMN charge_mode text NOT NULL DEFAULT 'FAST'
        CHECK (charge_mode IN ('SOLAR_ONLY', 'SOLAR_PLUS_MIN', 'FAST'));

-- EV prices of a card group other than RESIDENT in one tariff version (RESIDENT's are the version's own
-- ev_pv_price and ev_grid_price). A group without a row pays RESIDENT's prices; the bill line names both.
CREATE TABLE tariff_ev_group_price (
    valid_from     date NOT NULL REFERENCES tariff_version (valid_from) ON DELETE CASCADE,
    card_group     text NOT NULL CHECK (card_group ~ '^[A-Z][A-Z0-9_]{0,31}$' AND card_group <> 'RESIDENT'),
    ev_pv_price    numeric(12, 6) NOT NULL CHECK (ev_pv_price >= 0),
    ev_grid_price  numeric(12, 6) NOT NULL CHECK (ev_grid_price >= 0),
    PRIMARY KEY (valid_from, card_group)
);
