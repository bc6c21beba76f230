// Command kopeck is the command line and the HTTP sidecar of kopeck.
//
//	kopeck build    [--provider P] [--source generic|woocommerce] [--settings FILE] [--refund FILE]
//	                [--engine wasm|native] [--batch [--workers N]] [--pretty] [ORDER.json|-]
//	kopeck validate (same flags)
//	kopeck command  [--settings FILE] [--provider P] [COMMAND.json|-]
//	kopeck parse    [--settings FILE] [--provider P] [RESPONSE.json|-]
//	kopeck version  [--engine wasm|native]
//	kopeck serve    [--addr 127.0.0.1:8754] [--token-file F | env KOPECK_TOKEN] [--engine wasm|native]
//	                [--max-body BYTES] [--call-timeout D] [--instances N]
//	kopeck sandbox  [--addr 127.0.0.1:8755] [--provider P] [--settings-out FILE]
//	kopeck loadtest (hidden) [--url http://127.0.0.1:PORT] [--input FILE] [--requests N]
//	                [--concurrency C] [--duration D] [--min-rps R] [--engine wasm|native]
//
// # Engines
//
// --engine wasm (the default) runs the plugin embedded in package host
// through a pool of wazero instances, exactly as a PHP or Node host would;
// --engine native calls plugin/engine in process with crypto/rand. Both
// give the same answers; the tests run every case through both.
//
// # Inputs
//
// The file argument of build, validate, command and parse is either the
// bare document (an order, a command {"type","params"}, a response
// {"status","headers","body","for"}) or the export's full input object
// ({"settings","source","order","refund"}, {"settings","command"},
// {"settings","response"}). A document is taken as a full input object
// when it is a JSON object that has the primary member ("order",
// "command", "response") and no member the export does not know; a bare
// generic or WooCommerce order never has a top-level "order" member.
//
// Settings are merged, weakest first: the --settings file; the settings of
// a full input object (their top-level members replace the file's, so a
// file can hold the credentials and each line of a batch the rest); then
// the flags --provider, --source and --refund, which override everything.
// --source defaults to "generic" when neither a flag nor the input says.
//
// # Batch
//
// build --batch and validate --batch read JSON Lines: every non-blank line
// is an order or a full input object, as above. One compact answer is
// written per non-blank line, in input order, while --workers goroutines
// (default GOMAXPROCS, each with its own wasm instance) do the work. Blank
// lines are skipped and give no answer. A line that is not JSON is
// answered with invalid_json at "order"; a line over 16 MiB with
// body_too_large; an internal failure with internal_error (details on
// stderr, secrets redacted). --refund and --pretty are refused with
// --batch.
//
// # Exit status
//
// 0 the answer has no errors; 1 the answer lists errors (the order cannot
// be fiscalised; for --batch: some line); 2 usage error (flags, unreadable
// or malformed settings/refund files, unreadable input); 3 internal failure
// of the engine or host. Answers, with or without errors, always go to
// stdout as JSON; stderr carries only usage and failure messages. A
// document that is not JSON is an answer (invalid_json, exit 1), a
// settings file that is not a JSON object is a usage error (exit 2). The
// state of a parsed provider answer ("failed") does not change the exit
// status: only the "errors" of the answer do.
//
// # Secrets
//
// Messages never quote the settings: a malformed settings file is
// reported with its byte offset only. Texts that come from elsewhere (host
// and engine failures) pass through a redactor that hides every string of
// the credential sections (nanokassa, kassavonline, itkassa, woocommerce)
// and the sidecar token. The sidecar logs failures only, never bodies.
//
// # Sidecar
//
// For hosts that cannot load wasm (PHP without FFI). POST /v1/build,
// /v1/validate, /v1/command, /v1/parse take the export's input JSON and
// answer the export's output JSON; GET or POST /v1/version; GET /healthz
// answers {"status":"ok","engine":…} without a token (for probes; it
// reveals nothing). Status codes: 200 an answer without errors; 422 an
// answer whose "errors" is non-empty (the body is still the export's
// answer, so a client reads one shape); 400 a body that is not JSON; 401
// a missing or wrong bearer token (compared in constant time over SHA-256
// sums; checked before routing, so unknown paths do not leak); 404; 405
// with Allow; 413 over --max-body (1 MiB); 500 an internal failure; 503
// a call over --call-timeout. Every non-2xx body is
// {"errors":[{"code","path","message"}],"warnings":[]}. The sidecar
// listens on 127.0.0.1:8754 by default and refuses a non-loopback address
// unless a token is configured (--token-file, else KOPECK_TOKEN). Header,
// read, write and idle timeouts are set; a panic in a handler is recovered
// as a 500 and the sidecar keeps serving; SIGINT/SIGTERM shut it down
// gracefully (requests in flight finish, up to 10 s).
//
// # Sandbox
//
// kopeck sandbox serves the three simulators of internal/sim on one
// loopback port, under /nanokassa/, /kassavonline/ and /itkassa/ (the
// prefix is stripped, so each simulator sees the provider's own paths),
// and prints the settings JSON that points kopeck at them: every provider
// section with the simulators' own test credentials, test mode, and the
// demo's tax system and defaults. A whole flow (build, send the request,
// parse the answer) then runs offline.
//
// # Load test
//
// kopeck loadtest POSTs a bundled build input (the demo order for ITKassa,
// as testdata/cli/itkassa.build.json, or --input) to /v1/build of a sidecar on
// loopback only (its own in-process sidecar unless --url is given), with
// bounded request count and duration, and prints requests per second,
// latency percentiles and the status counts. examples/loadtest.sh runs the
// same against a separate `kopeck serve` process with wrk.
package main
