/**
 * Reading what a user asks: the spellings of protections, masks, SIDs, tokens and SDDL, the
 * {@link dev.pplsim.request.InputException} every bad input becomes (one line naming the field), and the one reader
 * ({@link dev.pplsim.request.RequestReader}) from a request's {@link dev.pplsim.request.Field}s to an
 * {@link dev.pplsim.model.AccessQuery}, used by batch lines, {@code decide}, scenarios and observations alike; each
 * {@link dev.pplsim.request.Form} names the fields its own way. A batch line's byte-level pre-reader lives here too,
 * proved equal to the reader by {@code FastLineProperties}. Token presets come in through
 * {@link dev.pplsim.request.TokenPresets}, so this package never loads policies. May import: model.
 */
package dev.pplsim.request;
