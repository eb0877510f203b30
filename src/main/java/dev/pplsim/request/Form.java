package dev.pplsim.request;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a request comes from, which decides how its fields are named in errors and how a refused value is shown:
 * a batch line shows the JSON it gave ({@code got "attach"}), the others the text typed ({@code got 'attach'}).
 * Observations are read with the batch contract's names.
 */
public enum Form {
    BATCH, CLI, SCENARIO;

    /** The field as this form names it; empty for a scenario's bare spellings. */
    public String name(RequestField f) {
        return switch (this) {
            case BATCH -> f.batch();
            case CLI -> f.cli();
            case SCENARIO -> f.scenario();
        };
    }

    /** How another field is named inside a message: a scenario's own words, else the contract's. */
    String mention(RequestField f) {
        return this == SCENARIO ? f.scenario() : f.batch();
    }

    String shown(JsonNode value) {
        return this == BATCH ? value.toString() : "'" + value.asText() + "'";
    }
}
