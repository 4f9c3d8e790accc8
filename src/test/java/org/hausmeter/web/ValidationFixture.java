package org.hausmeter.web;

/** Data of the deliberately broken template in {@link TemplateValidationBuildCheckTest}. */
public record ValidationFixture(String meter, long importWh) {}
