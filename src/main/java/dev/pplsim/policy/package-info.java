/**
 * The YAML files under {@code policies/}, read with every unknown field an error: the per-build
 * {@code RtlProtectedAccess} tables and switches, object types, token presets, default descriptors, the trust-level
 * table, system catalogs, overlays, and the property files {@code prove} reads. Values inside them are read with the
 * request package's spellings. May import: request, model.
 */
package dev.pplsim.policy;
