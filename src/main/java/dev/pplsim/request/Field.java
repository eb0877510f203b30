package dev.pplsim.request;

/**
 * The fields of an open request, each with the name the batch contract, the CLI and a scenario file give it. Errors
 * carry a field, so an error raised anywhere (the reader, the engine's checks) is named in the words of the entry
 * point the user typed; an empty name leaves the message bare (a scenario's spellings already say what they are).
 * They stand in the order a request is read, so a request with two errors reports the same one everywhere.
 */
public enum Field implements RequestField {
    OBJECT("target.object", "--object", "object"),
    CALLER("caller.protection", "--caller", ""),
    TARGET("target.protection", "--target", ""),
    DESIRED("desired", "--access", ""),
    MODE("mode", "--mode", "mode"),
    RELATION("relation", "--relation", "relation"),
    BUILD("build", "--build", "build"),
    SD_GRANTED("sdGranted", "--sd-granted", "sdGranted"),
    FORCE("forceAccessCheck", "--force-access-check", "forceAccessCheck"),
    CALLER_PICO("caller.pico", "--caller-pico", "callerPico"),
    TARGET_PICO("target.pico", "--target-pico", "targetPico"),
    DISALLOW_USER_TERMINATE("target.disallowUserTerminate", "--disallow-user-terminate", "disallowUserTerminate"),
    OPERATION("operation", "--operation", "operation"),
    SOURCE_ACCESS("sourceAccess", "--source-access", ""),
    SD("target.sd", "--sd", "sd"),
    TOKEN("caller.token", "--token", "token"),
    TARGET_TOKEN("target.token", "--target-token", "targetToken"),
    CALLER_KIND("caller.kind", "--caller-kind", "callerKind"),
    TARGET_KIND("target.kind", "--target-kind", "targetKind");

    private final Names names;

    Field(String batch, String cli, String scenario) { names = new Names(batch, cli, scenario); }

    @Override public Names names() { return names; }
}
