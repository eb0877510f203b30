package dev.pplsim.engine;


/** A rule's identity as its metadata gives it: {@code @id}, {@code @cite}, and the stage its id names. */
public record RuleInfo(String id, String name, String cite, Stage stage) {
}
