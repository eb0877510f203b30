/**
 * Reading what a user asks: the spellings of protections, masks, SIDs, tokens and SDDL, the
 * {@link dev.pplsim.request.InputException} every bad input becomes (one line naming the field), and the reader
 * from a request's words to an {@link dev.pplsim.model.AccessQuery}. Token presets come in through
 * {@link dev.pplsim.request.TokenPresets}, so this package never loads policies. May import: model.
 */
package dev.pplsim.request;
