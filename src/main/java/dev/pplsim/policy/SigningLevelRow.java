package dev.pplsim.policy;

/** A signer's EXE and DLL signing levels (spec §6.3, §12.4). */
// exeLevel, not exe: Drools 10.2.0's executable model fails on a fact property named exe (IndexOutOfBoundsException in
// ExecModelLambdaPostProcessor.convertIndexedByCall while compiling rules/create/)
public record SigningLevelRow(int signer, int exeLevel, int dllLevel) {
}
