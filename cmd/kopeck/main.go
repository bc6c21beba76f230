package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes of every subcommand.
const (
	exitOK       = 0 // done; the answer has no errors
	exitErrors   = 1 // the answer lists errors (the order cannot be fiscalised, …)
	exitUsage    = 2 // bad flags or arguments, unreadable or malformed files
	exitInternal = 3 // the engine or the host failed (not the input's fault)
)

const usage = `kopeck builds fiscal receipts (54-FZ) for Nanokassa, Kassa-v-online and ITKassa.

Usage:
  kopeck build    [flags] [ORDER.json|-]      build a receipt and the provider request
  kopeck validate [flags] [ORDER.json|-]      check an order without building
  kopeck command  [flags] [COMMAND.json|-]    build a service request (x_report, status, …)
  kopeck parse    [flags] [RESPONSE.json|-]   normalise a provider answer or callback
  kopeck version  [--engine wasm|native]      print the engine version
  kopeck serve    [flags]                     HTTP sidecar (POST /v1/build, …)
  kopeck sandbox  [flags]                     local provider simulators + their settings

Common flags:
  --settings FILE      settings JSON object (credentials stay out of every message)
  --provider NAME      nanokassa | kassavonline | itkassa (overrides settings.provider)
  --engine wasm|native wasm: the embedded plugin through the host (default); native: in process
build/validate flags:
  --source generic|woocommerce   order format (default generic)
  --refund FILE        refund document (WooCommerce refunds)
  --batch              JSON Lines in, one answer per line out, in input order

Exit status: 0 done, 1 the answer lists errors, 2 usage error, 3 internal failure.
Run "kopeck COMMAND -h" for the flags of one command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole CLI: args without the program name; it returns the exit
// status. serve and sandbox stop on SIGINT/SIGTERM.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// runContext is run with a context that stops serve, sandbox and loadtest
// when cancelled (tests cancel it; run ties it to the signals).
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build", "validate", "command", "parse":
		return runExport(ctx, cmd, rest, stdin, stdout, stderr)
	case "version":
		return runVersion(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "sandbox":
		return runSandbox(ctx, rest, stdout, stderr)
	case "loadtest": // hidden: measures the sidecar on loopback
		return runLoadtest(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "kopeck: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

// newFlagSet makes a flag set that reports to stderr and never exits.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("kopeck "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseArgs parses flags and positional arguments in any order
// ("build order.json --provider itkassa" works); "--" ends the flags.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(pos, tail...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagExit is the exit status for a flag parsing error: 0 for -h.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// usageError reports a usage problem and returns exitUsage.
func usageError(stderr io.Writer, cmd, format string, a ...any) int {
	fmt.Fprintf(stderr, "kopeck %s: %s\n", cmd, fmt.Sprintf(format, a...))
	return exitUsage
}

// oneOf checks a flag value against its allowed values.
func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// quoteList is "a | b | c" for messages.
func quoteList(list ...string) string { return strings.Join(list, " | ") }
