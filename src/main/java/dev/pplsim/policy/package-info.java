/**
 * Policy data and input spellings: the per-build {@code RtlProtectedAccess} tables and behaviour switches, the
 * object types' generic mappings, loaded from YAML with every unknown field an error; and the parsers for
 * protection and access-mask spellings that the CLI, the batch contract and the YAML files share.
 */
package dev.pplsim.policy;
