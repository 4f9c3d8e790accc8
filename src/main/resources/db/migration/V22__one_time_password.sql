-- A generated password (create-caretaker, reset-password, the caretaker's "new resident" and "new password")
-- is a one-time password: set, the account's password may log in only until one_time_until, and every page
-- then leads to the password change until the holder chose their own (docs/security.md, "One-time passwords").
-- NULL: the password was chosen by the account's holder (or is a demo login).
ALTER TABLE account ADD COLUMN one_time_until timestamptz;
