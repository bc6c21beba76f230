// Package host loads an Extism wasm plugin (by default the embedded kopeck
// plugin, kopeck.wasm) into wazero through the Extism Go SDK and calls its
// exports by name, bytes in and bytes out. It knows nothing about receipts.
//
// Decisions:
//   - Compile once, instantiate many: Open compiles the module (through a
//     wazero compilation cache on disk, so a warm start only loads machine
//     code) and Host.Call checks an instance out of a pool. At most
//     Config.MaxInstances instances exist; a call that finds none idle creates
//     one (up to the limit) or waits for one.
//   - An instance whose call trapped, failed with anything other than a guest
//     error, or ran out of time is closed and replaced by a fresh one on a
//     later call, never reused: its memory may be half-updated.
//   - A guest error (the plugin called pdk.SetError) is an answer from a
//     healthy instance: it comes back as *GuestError carrying the guest's
//     message and the instance is kept.
//   - Every instance gets the host's real randomness (crypto/rand.Reader as the
//     WASI random_get source: wazero's default is deterministic, which would
//     make every instance produce the same "random" keys), the real wall and
//     monotonic clocks and a real sleep. No files, no network, no environment
//     variables or arguments are given to the guest. What the guest writes to
//     stderr (a Go runtime crash message, for example) is kept, bounded, and
//     appended to the error of a failed call.
//   - Each call runs under Config.Timeout (default 10s) on top of the caller's
//     context. By default the call returns at its deadline and the guest is
//     left to finish in the background, its instance holding its pool slot
//     and then closed; with Config.Interruptible wazero stops the guest at
//     once, at the price of a check at every function entry and loop (3–5
//     times slower Go guests). RATIONALE.md says why the default is so.
//   - Memory of every module (the guest and the Extism kernel, which holds
//     input and output) is capped by Config.MaxMemoryBytes (default 256 MiB).
package host
