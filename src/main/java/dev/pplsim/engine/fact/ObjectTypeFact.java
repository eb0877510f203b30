package dev.pplsim.engine.fact;

import dev.pplsim.model.GenericMapping;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.model.SdkNames;
import java.util.Locale;

/** The object type as the build sees it: valid access and the generic mapping row its switch selects (spec §4.4). */
public record ObjectTypeFact(ObjectKind kind, int validAccess, String mappingName, GenericMapping mapping) implements Described {
    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s type: ValidAccessMask %s, GenericMapping %s (read %s, write %s, execute %s, all %s)", kind.id(),
                SdkNames.hex(validAccess), mappingName, SdkNames.hex(mapping.read()),
                SdkNames.hex(mapping.write()), SdkNames.hex(mapping.execute()),
                SdkNames.hex(mapping.all()));
    }
}
