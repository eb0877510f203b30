package dev.pplsim.jobs;

import java.util.Locale;

/** The {@code --format} of a command whose answer is a report: lines for people, or one JSON document for tools. */
public enum ReportFormat {
    TEXT, JSON;

    public String id() { return name().toLowerCase(Locale.ROOT); }
}
