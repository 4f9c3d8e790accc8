package org.hausmeter.accounts;

/** What an account may do: a resident sees their own apartment; the caretaker runs the building. */
public enum Role {
    RESIDENT,
    CARETAKER
}
