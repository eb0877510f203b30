package dev.pplsim.policy;

import dev.pplsim.model.PsProtectedSigner;
import dev.pplsim.request.InputException;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The YAML shape of {@code policies/builds/*.yaml}; constructors validate so errors carry the file position. */
public record BuildFile(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String description,
        @JsonProperty(required = true) String kernel,
        @JsonProperty(required = true) String cite,
        @JsonProperty(required = true) Switches switches,
        @JsonProperty(required = true) List<Row> signers) {

    public BuildFile {
        if (name == null || !name.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new InputException("build name '" + name + "' must be lower-case letters, digits, '.' and '-'");
        }
        if (signers == null || signers.isEmpty()) throw new InputException("the signer table is empty");
        if (signers.size() > 16) throw new InputException("the signer table has " + signers.size() + " rows; a signer is 4 bits (at most 16)");
        for (int i = 0; i < signers.size(); i++) {
            if (signers.get(i).signer != i) {
                throw new InputException("row " + i + " is for signer " + signers.get(i).signer
                        + "; rows must list signers 0, 1, 2, ... in order (the kernel indexes the table by signer)");
            }
            int dom = signers.get(i).dominateMask.value();
            if ((dom >>> signers.size()) != 0) {
                throw new InputException(String.format(Locale.ROOT, "row %d: dominateMask 0x%X names a signer beyond the table's %d rows", i, dom, signers.size()));
            }
        }
    }

    public record Switches(
            @JsonProperty(required = true) String parentExemption,
            @JsonProperty(required = true) Boolean disallowUserTerminateCheck,
            @JsonProperty(required = true) Boolean picoCheck,
            @JsonProperty(required = true) String impliedRights,
            @JsonProperty(required = true) String genericMapping,
            @JsonProperty(required = true) Boolean secureVmOpenRefused) {

        public Switches {
            if (ParentExemption.byId(parentExemption) == null) {
                throw new InputException("parentExemption '" + parentExemption + "' is not one of none, pid, pid-and-sequence");
            }
            if (ImpliedRights.byId(impliedRights) == null) {
                throw new InputException("impliedRights '" + impliedRights + "' is not one of full, query-only");
            }
        }

        BuildSwitches toSwitches() {
            return new BuildSwitches(ParentExemption.byId(parentExemption), disallowUserTerminateCheck, picoCheck,
                    ImpliedRights.byId(impliedRights), genericMapping, secureVmOpenRefused);
        }
    }

    public record Row(int signer, Mask dominateMask, Mask deniedProcessAccess, Mask deniedThreadAccess) {

        public Row {
            for (Mask m : List.of(deniedProcessAccess, deniedThreadAccess)) {
                if ((m.value() & ~0x001FFFFF) != 0) {
                    throw new InputException(String.format(Locale.ROOT, "denied mask 0x%08X has bits outside 0x001FFFFF (the protection check sees only specific and standard rights)", m.value()));
                }
            }
        }

        /** A row may name its signer by number or by name ({@code WinTcb}). */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Row of(@JsonProperty(value = "signer", required = true) Object signer,
                             @JsonProperty(value = "dominateMask", required = true) Mask dominateMask,
                             @JsonProperty(value = "deniedProcessAccess", required = true) Mask deniedProcessAccess,
                             @JsonProperty(value = "deniedThreadAccess", required = true) Mask deniedThreadAccess) {
            int s;
            if (signer instanceof Number n) {
                // an Integer, Long or BigInteger as YAML resolved it: intValue() would wrap 0x100000000 to 0
                if (!(n instanceof Integer i) || i > 15) throw new InputException("signer " + n + " is not 0..15 (a signer is 4 bits)");
                s = i;
            } else {
                PsProtectedSigner named = PsProtectedSigner.byName(String.valueOf(signer));
                if (named == null) throw new InputException("unknown signer '" + signer + "'");
                s = named.value();
            }
            return new Row(s, dominateMask, deniedProcessAccess, deniedThreadAccess);
        }
    }

    Build toBuild(String source) {
        List<SignerAccess> table = new ArrayList<>();
        for (Row r : signers) {
            table.add(new SignerAccess(r.signer, r.dominateMask.value(), r.deniedProcessAccess.value(), r.deniedThreadAccess.value()));
        }
        return new Build(name, description, kernel, List.copyOf(table), switches.toSwitches(), source);
    }
}
