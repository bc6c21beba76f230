package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/kopeck/kopeck/internal/sim/itkassa"
	"github.com/kopeck/kopeck/internal/sim/kassavonline"
	"github.com/kopeck/kopeck/internal/sim/nanokassa"
	"github.com/kopeck/kopeck/plugin/settings"
)

const defaultSandboxAddr = "127.0.0.1:8755"

// simulator is what the sandbox needs of each internal/sim package.
type simulator interface {
	http.Handler
	Settings(baseURL string) map[string]any
	Accepted() []json.RawMessage
}

// sandbox holds the three simulators, mounted on one listener under
// /nanokassa/, /kassavonline/ and /itkassa/ (each simulator sees its own
// paths: the prefix is stripped).
type sandbox struct {
	sims map[string]simulator
	mux  *http.ServeMux
}

// newSandbox starts nothing: it builds the simulators and the handler.
func newSandbox() *sandbox {
	sb := &sandbox{
		sims: map[string]simulator{
			"nanokassa":    nanokassa.New(),
			"kassavonline": kassavonline.New(),
			"itkassa":      itkassa.New(),
		},
		mux: http.NewServeMux(),
	}
	for name, s := range sb.sims {
		sb.mux.Handle("/"+name+"/", http.StripPrefix("/"+name, s))
	}
	return sb
}

// settings returns the settings that point kopeck at the simulators at
// base ("http://127.0.0.1:8755"): every provider section, the chosen
// provider, test mode and the demo's tax system and defaults. The
// credentials are the simulators' own test values, never real ones.
func (sb *sandbox) settings(base, provider string) map[string]any {
	m := map[string]any{
		"provider":   provider,
		"test":       true,
		"tax_system": "usn_income",
		"deliver":    "email",
		"defaults": map[string]any{"vat": "none", "payment_method": "full_payment", "subject": "commodity",
			"shipping": map[string]any{"vat": "none", "subject": "service"}},
	}
	for name, s := range sb.sims {
		m[name] = s.Settings(base + "/" + name)
	}
	return m
}

// runSandbox is "kopeck sandbox": it serves the simulators on loopback and
// prints their settings JSON on stdout (and to --settings-out).
func runSandbox(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("sandbox", stderr)
	addr := fs.String("addr", defaultSandboxAddr, "listen `address` (loopback only)")
	provider := fs.String("provider", "nanokassa", "settings.provider of the printed settings")
	out := fs.String("settings-out", "", "also write the settings to this `file`")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 0 {
		return usageError(stderr, "sandbox", "takes no arguments")
	}
	if !isLoopback(*addr) {
		return usageError(stderr, "sandbox", "the simulators listen on loopback only, not %s", *addr)
	}
	if !oneOf(*provider, settings.Providers...) {
		return usageError(stderr, "sandbox", "--provider must be %s", quoteList(settings.Providers...))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "kopeck sandbox: %v\n", err)
		return exitUsage
	}
	sb := newSandbox()
	b, _ := json.MarshalIndent(sb.settings("http://"+ln.Addr().String(), *provider), "", "  ")
	b = append(b, '\n')
	if *out != "" {
		if err := os.WriteFile(*out, b, 0o600); err != nil {
			ln.Close()
			fmt.Fprintf(stderr, "kopeck sandbox: %v\n", err)
			return exitUsage
		}
	}
	stdout.Write(b)
	fmt.Fprintf(stderr, "kopeck sandbox: simulators on http://%s/{nanokassa,kassavonline,itkassa}/ (Ctrl-C stops)\n", ln.Addr())
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serveUntil(ctx, ln, httpServer(sb.mux, defaultCallTimeout)); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "kopeck sandbox: %v\n", err)
		return exitInternal
	}
	return exitOK
}
