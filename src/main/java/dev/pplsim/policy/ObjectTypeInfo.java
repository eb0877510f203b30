package dev.pplsim.policy;

import dev.pplsim.model.GenericMapping;
import dev.pplsim.model.ObjectKind;

import java.util.Map;

/**
 * What the object manager knows of an object type: its ValidAccessMask and the candidate generic mappings
 * (spec §4.4 gives two sources that disagree; a build's switch picks one).
 */
public record ObjectTypeInfo(ObjectKind kind, int validAccess, Map<String, GenericMapping> genericMappings) {
}
