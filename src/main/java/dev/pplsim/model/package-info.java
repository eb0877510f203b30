/**
 * The simulated kernel object model: protection bytes, access rights with their SDK names and values, access
 * masks, tokens, descriptors, EPROCESS / ETHREAD, and how the SDK prints them ({@link dev.pplsim.model.SdkNames}).
 * Records and enums only; no logic beyond bit arithmetic (spec §1, §4.4). Imports nothing of pplsim.
 */
package dev.pplsim.model;
