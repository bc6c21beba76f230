// Package goldencase is the shared harness of the providers' golden tests
// (test support only: import it from _test.go files).
//
// A case is testdata/<provider>/<name>.order.json (generic order format)
// with its .settings.json and either a .payload.json (the expected provider
// payload, with an optional .warnings.json) or an .errors.json (the
// expected errors, no payload). Warnings and errors are lists of
// {"code","path"}.
//
// Decisions:
//   - A case is built through the real engine (engine.Call("build") with
//     "source":"generic"), never through a copy of its pipeline, so a rule
//     the engine derives from the provider (receipt.Rules.ExactLines) cannot
//     drift away from the tests. The randomness is a fixed-seed ChaCha8
//     stream, so encrypted requests are stable.
//   - Every receipt in an answer is decoded and checked by receipt.Check.
//   - An error case has no receipt in the engine's answer; Case.Reconcile
//     runs the core alone (as the engine does, tested to agree with it) so
//     a test can still check that the errors refuse a sound receipt.
//   - Payloads are compared with the golden file as compact JSON
//     (ComparePayload), or byte for byte with the payload indented by two
//     spaces and a trailing newline (ComparePayloadExact), as each
//     provider's files were written.
//   - The -update flag (registered here, so a test package importing this one
//     must not register its own) rewrites the .payload.json files; review
//     them by hand, the provider's independent checker still runs on each.
package goldencase
