/**
 * The simulated kernel object model: protection bytes, access rights with their SDK names and values, access
 * masks, EPROCESS / ETHREAD. Records and enums only; no logic beyond bit arithmetic (spec §1, §4.4).
 */
package dev.pplsim.model;
