package dev.pplsim.policy;

import dev.pplsim.model.GenericMapping;
import dev.pplsim.model.ObjectKind;

import java.util.Map;

/**
 * What the object manager knows of an object type: its ValidAccessMask and the candidate generic mappings
 * (spec §4.4 gives two sources that disagree; a build's switch picks one); for a process, the access Win32
 * DebugActiveProcess opens it with before attaching (spec §12.6; 0 for the other types).
 */
public record ObjectTypeInfo(ObjectKind kind, int validAccess, Map<String, GenericMapping> genericMappings, int debugAccess) {
}
