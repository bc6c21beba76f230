package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/kopeck/kopeck/plugin/settings"
)

// engineFlags choose the engine: shared by every subcommand that calls one.
type engineFlags struct {
	engine   string
	wasm     string
	cacheDir string
}

func (e *engineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&e.engine, "engine", engineWasm, "engine: wasm (the embedded plugin through the host) or native (in process)")
	fs.StringVar(&e.wasm, "wasm", "", "load this plugin `file` instead of the embedded one (wasm engine)")
	fs.StringVar(&e.cacheDir, "cache-dir", "", "compilation cache `dir` for the wasm engine (default: the user cache dir; - = none)")
}

func (e *engineFlags) check() error {
	if !oneOf(e.engine, engineWasm, engineNative) {
		return fmt.Errorf("--engine must be %s, not %q", quoteList(engineWasm, engineNative), e.engine)
	}
	if e.wasm != "" && e.engine != engineWasm {
		return fmt.Errorf("--wasm needs --engine wasm")
	}
	return nil
}

func (e *engineFlags) options(instances int) engineOptions {
	return engineOptions{Name: e.engine, WasmFile: e.wasm, CacheDir: e.cacheDir, Instances: instances}
}

// settingsFlags read the settings: shared by the exports and the sidecar's
// load test.
type settingsFlags struct {
	file     string
	provider string
}

func (s *settingsFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.file, "settings", "", "settings JSON `file` (an object; holds credentials)")
	fs.StringVar(&s.provider, "provider", "", "provider `name` ("+quoteList(settings.Providers...)+"); overrides settings.provider")
}

// load reads the settings file (or none) and checks --provider.
func (s *settingsFlags) load() (map[string]json.RawMessage, error) {
	if s.provider != "" && !oneOf(s.provider, settings.Providers...) {
		return nil, fmt.Errorf("--provider must be %s, not %q", quoteList(settings.Providers...), s.provider)
	}
	if s.file == "" {
		return map[string]json.RawMessage{}, nil
	}
	return readSettingsFile(s.file)
}

// runExport runs build, validate, command or parse on one document, or on
// JSON Lines with --batch (build and validate).
func runExport(ctx context.Context, export string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet(export, stderr)
	var ef engineFlags
	var sf settingsFlags
	ef.register(fs)
	sf.register(fs)
	pretty := fs.Bool("pretty", false, "indent the answer (not with --batch)")
	var source, refundFile string
	var batch bool
	var workers int
	order := envelopes[export].primary == "order"
	if order {
		fs.StringVar(&source, "source", "", "order format: generic or woocommerce (default generic)")
		fs.StringVar(&refundFile, "refund", "", "refund document `file` (not with --batch)")
		fs.BoolVar(&batch, "batch", false, "read JSON Lines (orders or full input objects), write one answer per line")
		fs.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "parallel calls with --batch")
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: kopeck %s [flags] [FILE|-]\n(FILE is the bare %s or a full input object; - or nothing reads stdin)\n", export, envelopes[export].primary)
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 1 {
		return usageError(stderr, export, "one input file at most, got %d", len(pos))
	}
	if err := ef.check(); err != nil {
		return usageError(stderr, export, "%v", err)
	}
	if source != "" && !oneOf(source, "generic", "woocommerce") {
		return usageError(stderr, export, "--source must be generic or woocommerce, not %q", source)
	}
	if batch && (refundFile != "" || *pretty) {
		return usageError(stderr, export, "--batch cannot be used with --refund or --pretty")
	}
	if order && workers < 1 {
		return usageError(stderr, export, "--workers must be at least 1")
	}
	sets, err := sf.load()
	if err != nil {
		return usageError(stderr, export, "%v", err)
	}
	var refund json.RawMessage
	if refundFile != "" {
		if refund, err = readJSONFile(refundFile, "refund"); err != nil {
			return usageError(stderr, export, "%v", err)
		}
	}
	opts := newInputOptions(sets, sf.provider, source, refund)

	in := stdin
	if len(pos) == 1 && pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return usageError(stderr, export, "%v", err)
		}
		defer f.Close()
		in = f
	}

	instances := 1
	if batch {
		instances = workers
	}
	eng, err := openEngine(ctx, ef.options(instances))
	if err != nil {
		fmt.Fprintf(stderr, "kopeck %s: %v\n", export, err)
		return exitInternal
	}
	defer eng.Close(context.Background())

	if batch {
		return runBatch(ctx, eng, export, opts, in, stdout, stderr, workers)
	}
	doc, err := io.ReadAll(in)
	if err != nil {
		return usageError(stderr, export, "reading the input: %v", err)
	}
	a := opts.assemble(export, doc)
	out := a.answer
	if out == nil {
		if out, err = eng.Call(ctx, export, a.input); err != nil {
			red := newRedactor(a.settings)
			fmt.Fprintf(stderr, "kopeck %s: internal failure: %s\n", export, red.String(err.Error()))
			return exitInternal
		}
	}
	if err := writeAnswer(stdout, out, *pretty); err != nil {
		fmt.Fprintf(stderr, "kopeck %s: writing the answer: %v\n", export, err)
		return exitInternal
	}
	if hasErrors(out) {
		return exitErrors
	}
	return exitOK
}

// runVersion prints the engine's version answer.
func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", stderr)
	var ef engineFlags
	ef.register(fs)
	pretty := fs.Bool("pretty", false, "indent the answer")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 0 {
		return usageError(stderr, "version", "takes no arguments")
	}
	if err := ef.check(); err != nil {
		return usageError(stderr, "version", "%v", err)
	}
	eng, err := openEngine(ctx, ef.options(1))
	if err != nil {
		fmt.Fprintf(stderr, "kopeck version: %v\n", err)
		return exitInternal
	}
	defer eng.Close(context.Background())
	out, err := eng.Call(ctx, "version", []byte("{}"))
	if err != nil {
		fmt.Fprintf(stderr, "kopeck version: internal failure: %v\n", err)
		return exitInternal
	}
	if err := writeAnswer(stdout, out, *pretty); err != nil {
		return exitInternal
	}
	return exitOK
}

// writeAnswer writes one answer and a newline, indented when pretty.
func writeAnswer(w io.Writer, out []byte, pretty bool) error {
	if pretty {
		var b bytes.Buffer
		if err := json.Indent(&b, out, "", "  "); err == nil {
			out = b.Bytes()
		}
	}
	_, err := w.Write(append(append([]byte{}, out...), '\n'))
	return err
}
