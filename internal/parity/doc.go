// Package parity holds the tests that run kopeck natively (plugin/engine)
// and through the real embedded .wasm (host) on every bundled test case and
// demand the same answers, and the benchmarks that compare the two. It has
// no code of its own.
package parity
