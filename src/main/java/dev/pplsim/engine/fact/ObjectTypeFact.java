package dev.pplsim.engine.fact;

import dev.pplsim.model.GenericMapping;
import dev.pplsim.model.ObjectKind;

/** The object type as the build sees it: valid access and the generic mapping row its switch selects (spec §4.4). */
public record ObjectTypeFact(ObjectKind kind, int validAccess, String mappingName, GenericMapping mapping) {
}
