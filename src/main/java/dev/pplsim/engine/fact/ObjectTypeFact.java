package dev.pplsim.engine.fact;

import dev.pplsim.model.GenericMapping;
import dev.pplsim.model.ObjectKind;

/** The object type as the build sees it: valid access and the generic mapping row its switch selects (spec §4.4). */
public record ObjectTypeFact(ObjectKind kind, int validAccess, String mappingName, GenericMapping mapping) implements Described {
    @Override
    public String describe() {
        return String.format("%s type: ValidAccessMask %s, GenericMapping %s (read %s, write %s, execute %s, all %s)", kind.id(),
                dev.pplsim.policy.Spelling.hex(validAccess), mappingName, dev.pplsim.policy.Spelling.hex(mapping.read()),
                dev.pplsim.policy.Spelling.hex(mapping.write()), dev.pplsim.policy.Spelling.hex(mapping.execute()),
                dev.pplsim.policy.Spelling.hex(mapping.all()));
    }
}
