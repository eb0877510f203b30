package dev.pplsim.policy;

/** A signer's EXE and DLL signing levels (spec §6.3, §12.4). */
public record SigningLevelRow(int signer, int exeLevel, int dllLevel) {
}
