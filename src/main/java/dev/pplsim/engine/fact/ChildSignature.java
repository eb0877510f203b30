package dev.pplsim.engine.fact;

/** The child's EPROCESS.SignatureLevel and SectionSignatureLevel (spec §12.4). */
public record ChildSignature(CreateRequest request, int signatureLevel, int sectionLevel, String reason) implements CreateDerived {
    @Override public String describe() {
        return String.format(java.util.Locale.ROOT, "SignatureLevel 0x%02X, SectionSignatureLevel 0x%02X: %s", signatureLevel, sectionLevel, reason);
    }
}
