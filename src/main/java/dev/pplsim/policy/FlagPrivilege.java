package dev.pplsim.policy;

import dev.pplsim.model.NativeCreateFlag;
import dev.pplsim.model.Privilege;

/** A native flag a creator may set only with a privilege (spec §12.2). */
public record FlagPrivilege(NativeCreateFlag flag, Privilege privilege) {
}
