package dev.pplsim.reference;

import dev.pplsim.model.NtStatus;

import java.util.Map;
import java.util.TreeMap;

/**
 * The reference's full answer for a query that goes through the security-descriptor stage: status, granted mask (0
 * whenever refused), and for a refusal its kind and, when the access check refused, the reason for each refused right
 * (bit -> kind, docs/ACCESS-CHECK.md step 7). {@link #decision()} is the part the engine is compared on.
 */
public record ReferenceVerdict(NtStatus status, int granted, RefusalKind refusal, Map<Integer, RefusalKind> refusedRights) {

    public ReferenceVerdict {
        refusedRights = refusedRights == null ? Map.of() : Map.copyOf(refusedRights);
        if (status == NtStatus.STATUS_SUCCESS && refusal != null) {
            throw new IllegalArgumentException("a success has no refusal kind");
        }
        if (status != NtStatus.STATUS_SUCCESS && (refusal == null || granted != 0)) {
            throw new IllegalArgumentException("a refusal has a kind and grants 0");
        }
    }

    public static ReferenceVerdict success(int granted) {
        return new ReferenceVerdict(NtStatus.STATUS_SUCCESS, granted, null, Map.of());
    }

    public static ReferenceVerdict refused(NtStatus status, RefusalKind kind) {
        return new ReferenceVerdict(status, 0, kind, Map.of());
    }

    public static ReferenceVerdict accessDenied(RefusalKind kind, Map<Integer, RefusalKind> perRight) {
        return new ReferenceVerdict(NtStatus.STATUS_ACCESS_DENIED, 0, kind, perRight);
    }

    public boolean isSuccess() { return status == NtStatus.STATUS_SUCCESS; }

    /** Status and granted mask only: what the differential tests compare. */
    public ReferenceDecision decision() { return new ReferenceDecision(status, granted); }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(status + String.format(" 0x%08X", granted));
        if (refusal != null) b.append(" [").append(refusal).append(']');
        if (!refusedRights.isEmpty()) {
            b.append(" {");
            String sep = "";
            for (Map.Entry<Integer, RefusalKind> e : new TreeMap<>(refusedRights).entrySet()) {
                b.append(sep).append(String.format("0x%X", e.getKey())).append('=').append(e.getValue());
                sep = ", ";
            }
            b.append('}');
        }
        return b.toString();
    }
}
