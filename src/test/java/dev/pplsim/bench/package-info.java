/**
 * JMH benchmarks (run with {@code bench/jmh.sh}, never by Surefire). Each measures the plain-Java reference in the
 * same run, so figures are read as ratios to it.
 */
package dev.pplsim.bench;
