package dev.pplsim.model;

import java.util.Locale;

/**
 * One {@code PS_PROTECTION} byte: Type in bits 0-2, Audit in bit 3, Signer in bits 4-7 (spec §1.1).
 * Any byte is representable; whether a build can decide it is the policy's question.
 */
public record PsProtection(int value) {

    public static final PsProtection NONE = new PsProtection(0);

    public PsProtection {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("a PS_PROTECTION is one byte, got " + value);
        }
    }

    public static PsProtection of(int type, boolean audit, int signer) {
        return new PsProtection((type & 7) | (audit ? 8 : 0) | ((signer & 0xF) << 4));
    }

    public int type() { return value & 7; }
    public boolean audit() { return (value & 8) != 0; }
    public int signer() { return value >>> 4; }

    public PsProtectedType protectedType() { return PsProtectedType.of(type()); }
    public PsProtectedSigner protectedSigner() { return PsProtectedSigner.of(signer()); }

    public boolean isProtected() { return type() != 0; }

    /** The same byte with the audit bit cleared. */
    public PsProtection withoutAudit() { return new PsProtection(value & ~8); }

    /** {@code 0x61} */
    public String hex() { return String.format(Locale.ROOT, "0x%02X", value); }

    /**
     * The canonical spelling: {@code None}, {@code WinTcb-Light}, {@code WinTcb}, or a spelled-out form for
     * bytes that no named spelling covers ({@code Type3/Signer9}), plus {@code +Audit} when bit 3 is set.
     */
    public String name() {
        String signerName = protectedSigner() != null ? protectedSigner().shortName() : "Signer" + signer();
        String base;
        if (type() == 0 && signer() == 0) {
            base = "None";
        } else if (signer() == 0 || type() == 0 || type() > 2) {
            base = "Type" + type() + "/" + signerName;
        } else if (type() == 1) {
            base = signerName + "-Light";
        } else {
            base = signerName;
        }
        return audit() ? base + "+Audit" : base;
    }

    /** {@code 0x61 WinTcb-Light} */
    @Override
    public String toString() { return hex() + " " + name(); }
}
