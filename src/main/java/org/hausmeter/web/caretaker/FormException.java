package org.hausmeter.web.caretaker;

/** A form field the caretaker filled in wrongly; the message names the field and says what is expected, in the page's language. */
class FormException extends IllegalArgumentException {

    FormException(String message) {
        super(message);
    }
}
