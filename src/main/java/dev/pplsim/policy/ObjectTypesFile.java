package dev.pplsim.policy;

import dev.pplsim.model.GenericMapping;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.request.InputException;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The YAML shape of {@code policies/object-types.yaml} (spec §4.4). */
public record ObjectTypesFile(
        @JsonProperty(required = true) String cite,
        @JsonProperty(required = true) Type process,
        @JsonProperty(required = true) Type thread,
        @JsonProperty(required = true) Type token) {

    /** @param debugAccess for a process: the access Win32 DebugActiveProcess opens its target with (spec §12.6) */
    public record Type(
            @JsonProperty(required = true) Mask validAccess,
            @JsonProperty(required = true) Map<String, MappingRow> genericMappings,
            Mask debugAccess) {

        public Type {
            if (genericMappings == null || genericMappings.isEmpty()) throw new InputException("genericMappings is empty");
        }
    }

    public record MappingRow(
            @JsonProperty(required = true) Mask read,
            @JsonProperty(required = true) Mask write,
            @JsonProperty(required = true) Mask execute,
            @JsonProperty(required = true) Mask all,
            @JsonProperty(required = true) String cite) {

        public MappingRow {
            for (Mask m : new Mask[]{read, write, execute, all}) {
                if ((m.value() & dev.pplsim.model.StandardRight.GENERIC_MASK) != 0) throw new InputException("a generic mapping cannot map to GENERIC_* bits");
            }
        }
    }

    Map<ObjectKind, ObjectTypeInfo> toInfo() {
        Map<ObjectKind, ObjectTypeInfo> out = new EnumMap<>(ObjectKind.class);
        if (process.debugAccess == null) throw new InputException("process.debugAccess: required (the access DebugActiveProcess opens its target with)");
        if (thread.debugAccess != null || token.debugAccess != null) throw new InputException("debugAccess: only a process is debugged");
        out.put(ObjectKind.PROCESS, info(ObjectKind.PROCESS, process));
        out.put(ObjectKind.THREAD, info(ObjectKind.THREAD, thread));
        out.put(ObjectKind.TOKEN, info(ObjectKind.TOKEN, token));
        return out;
    }

    private static ObjectTypeInfo info(ObjectKind kind, Type t) {
        Map<String, GenericMapping> rows = new LinkedHashMap<>();
        t.genericMappings.forEach((k, v) -> rows.put(k, new GenericMapping(v.read.value(), v.write.value(), v.execute.value(), v.all.value())));
        return new ObjectTypeInfo(kind, t.validAccess.value(), Map.copyOf(rows), t.debugAccess == null ? 0 : t.debugAccess.value());
    }
}
