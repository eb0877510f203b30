package dev.pplsim.engine;

import dev.pplsim.model.CreateQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ProcessKind;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.SdkNames;

import java.util.List;

/**
 * The answer to one {@link CreateQuery}: the status and, on success, the child's EPROCESS.Protection,
 * SignatureLevel and SectionSignatureLevel, whether a debug port is attached, and the access of the process and
 * thread handles returned in PROCESS_INFORMATION; with the rules that fired and the recorded trace.
 *
 * @param child null when the creation failed
 * @param kind  the child's kind (spec §12.7: normal, trustlet or packaged); null when the creation failed
 * @param trace null for a creation a learnt table answered (engine.table.DecisionTable#create): ask the simulator to explain it
 */
public record Creation(CreateQuery query, NtStatus status, PsProtection child, int signatureLevel, int sectionLevel,
                       int processAccess, int threadAccess, boolean debugPort, String reason, List<String> rules, Trace trace,
                       ProcessKind kind)
        implements Answer<CreateQuery> {

    public Creation {
        rules = List.copyOf(rules);
    }

    @Override
    public String toString() {
        return "Creation[" + query + " -> " + status + (child == null ? "" : " " + kind.id() + " " + child.hex() + " "
                + SdkNames.hex(processAccess) + " " + SdkNames.hex(threadAccess)) + " " + rules + "]";
    }
}
