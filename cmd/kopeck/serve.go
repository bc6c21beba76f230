package main

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// Sidecar defaults.
const (
	defaultServeAddr   = "127.0.0.1:8754"
	defaultMaxBody     = 1 << 20
	defaultCallTimeout = 10 * time.Second
)

// serveConfig configures the sidecar handler.
type serveConfig struct {
	Engine      Engine
	EngineName  string        // reported by /healthz
	Token       string        // "" = no authentication
	MaxBody     int64         // request body limit in bytes
	CallTimeout time.Duration // limit of one engine call
	Log         io.Writer     // failures only; never request bodies
}

// server is the sidecar's HTTP handler.
type server struct {
	cfg      serveConfig
	tokenSum [32]byte
	red      redactor
	logMu    sync.Mutex
}

// sidecarExports are the exports served under /v1/.
var sidecarExports = []string{"build", "validate", "command", "parse", "version"}

// newServer returns the sidecar handler:
//
//	POST /v1/build|validate|command|parse  body = the export's input JSON
//	GET|POST /v1/version                   the engine version
//	GET /healthz                           {"status":"ok"}, without a token
//
// Status: 200 for an answer without errors, 422 for an answer that lists
// errors (the body is the export's answer either way), 400 when the body
// is not JSON, 401 without the right bearer token, 404, 405, 413 above
// MaxBody, 500 for an internal failure, 503 when a call times out or the
// sidecar shuts down. Every non-2xx body is {"errors":[…],"warnings":[]}.
func newServer(cfg serveConfig) *server {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = defaultMaxBody
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = defaultCallTimeout
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &server{cfg: cfg, red: newRedactor(nil, cfg.Token)}
	if cfg.Token != "" {
		s.tokenSum = sha256.Sum256([]byte(cfg.Token))
	}
	return s
}

// ServeHTTP routes one request; a panic becomes a 500 and the sidecar
// keeps serving.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logf("panic serving %s: %v\n%s", r.URL.Path, v, debug.Stack())
			s.fail(w, http.StatusInternalServerError, codeInternal, "")
		}
	}()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	path := r.URL.Path
	if path == "/healthz" {
		if !s.method(w, r, http.MethodGet, http.MethodHead) {
			return
		}
		s.write(w, http.StatusOK, []byte(`{"status":"ok","engine":`+strconv.Quote(s.cfg.EngineName)+`}`))
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="kopeck"`)
		s.fail(w, http.StatusUnauthorized, codeUnauthorized, "")
		return
	}
	export, ok := strings.CutPrefix(path, "/v1/")
	if !ok || !oneOf(export, sidecarExports...) {
		s.fail(w, http.StatusNotFound, codeNotFound, "", "path", path)
		return
	}
	if export == "version" {
		if !s.method(w, r, http.MethodGet, http.MethodPost) {
			return
		}
		s.call(w, r, export, []byte("{}"))
		return
	}
	if !s.method(w, r, http.MethodPost) {
		return
	}
	if r.ContentLength > s.cfg.MaxBody {
		s.fail(w, http.StatusRequestEntityTooLarge, codeBodyTooLarge, "", "limit", strconv.FormatInt(s.cfg.MaxBody, 10))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, http.StatusRequestEntityTooLarge, codeBodyTooLarge, "", "limit", strconv.FormatInt(s.cfg.MaxBody, 10))
			return
		}
		s.fail(w, http.StatusBadRequest, receipt.CodeInvalidJSON, "", "reason", "the body could not be read")
		return
	}
	if !gjson.ValidBytes(body) {
		s.fail(w, http.StatusBadRequest, receipt.CodeInvalidJSON, "", "reason", "malformed document")
		return
	}
	s.call(w, r, export, body)
}

// call runs one export and writes its answer.
func (s *server) call(w http.ResponseWriter, r *http.Request, export string, input []byte) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.CallTimeout)
	defer cancel()
	out, err := s.engineCall(ctx, export, input)
	if err != nil {
		settings := []byte(gjson.GetBytes(input, "settings").Raw)
		msg := newRedactor(settings, s.cfg.Token).String(err.Error())
		s.logf("%s: internal failure: %s", export, msg)
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			s.fail(w, http.StatusServiceUnavailable, codeTimeout, "", "limit", s.cfg.CallTimeout.String())
			return
		}
		s.fail(w, http.StatusInternalServerError, codeInternal, "")
		return
	}
	status := http.StatusOK
	if hasErrors(out) {
		status = http.StatusUnprocessableEntity
	}
	s.write(w, status, out)
}

// engineCall is Engine.Call with a panic turned into an error, so that
// the panic's text goes through the same redaction as any failure.
func (s *server) engineCall(ctx context.Context, export string, input []byte) (out []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, fmt.Errorf("panic: %v\n%s", v, debug.Stack())
		}
	}()
	return s.cfg.Engine.Call(ctx, export, input)
}

// authorized checks the bearer token in constant time (over SHA-256 sums,
// so that the token's length does not leak either).
func (s *server) authorized(r *http.Request) bool {
	if s.cfg.Token == "" {
		return true
	}
	h := r.Header.Get("Authorization")
	const prefix = "bearer "
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(h[len(prefix):])))
	return subtle.ConstantTimeCompare(got[:], s.tokenSum[:]) == 1
}

// method answers 405 unless r uses one of allowed.
func (s *server) method(w http.ResponseWriter, r *http.Request, allowed ...string) bool {
	if oneOf(r.Method, allowed...) {
		return true
	}
	list := strings.Join(allowed, ", ")
	w.Header().Set("Allow", list)
	s.fail(w, http.StatusMethodNotAllowed, codeMethodNotAllowed, "", "method", r.Method, "allowed", list)
	return false
}

// fail writes a JSON error answer.
func (s *server) fail(w http.ResponseWriter, status int, code, path string, params ...string) {
	s.write(w, status, errorAnswer("en", code, path, params...))
}

func (s *server) write(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)+1))
	w.WriteHeader(status)
	w.Write(body)
	w.Write([]byte{'\n'})
}

func (s *server) logf(format string, a ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.cfg.Log, "kopeck serve: %s\n", s.red.String(fmt.Sprintf(format, a...)))
}

// httpServer wraps h with the sidecar's timeouts.
func httpServer(h http.Handler, callTimeout time.Duration) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      callTimeout + 30*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// serveUntil serves on ln until ctx is done, then shuts down gracefully:
// requests in flight finish (up to 10 s), new connections are refused.
func serveUntil(ctx context.Context, ln net.Listener, srv *http.Server) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv.SetKeepAlivesEnabled(false)
	err := srv.Shutdown(sctx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// isLoopback reports whether addr (host:port) listens on loopback only.
// An empty host means every interface; a host name other than localhost
// is not trusted to resolve to loopback.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// readToken returns the bearer token from --token-file, else from
// KOPECK_TOKEN; "" when neither is set.
func readToken(file string, getenv func(string) string) (string, error) {
	if file != "" {
		b, err := readFile(file)
		if err != nil {
			return "", fmt.Errorf("token file %v", err)
		}
		t := strings.TrimSpace(string(b))
		if t == "" {
			return "", fmt.Errorf("token file %s is empty", file)
		}
		return t, nil
	}
	return strings.TrimSpace(getenv("KOPECK_TOKEN")), nil
}

// runServe is "kopeck serve".
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", stderr)
	var ef engineFlags
	ef.register(fs)
	addr := fs.String("addr", defaultServeAddr, "listen `address` (host:port; loopback unless a token is set)")
	tokenFile := fs.String("token-file", "", "bearer token `file` (else env KOPECK_TOKEN; none = no authentication)")
	maxBody := fs.Int64("max-body", defaultMaxBody, "request body limit in `bytes`")
	callTimeout := fs.Duration("call-timeout", defaultCallTimeout, "time limit of one engine call")
	instances := fs.Int("instances", 0, "wasm instances in the pool (default GOMAXPROCS)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 0 {
		return usageError(stderr, "serve", "takes no arguments")
	}
	if err := ef.check(); err != nil {
		return usageError(stderr, "serve", "%v", err)
	}
	token, err := readToken(*tokenFile, os.Getenv)
	if err != nil {
		return usageError(stderr, "serve", "%v", err)
	}
	if token == "" && !isLoopback(*addr) {
		return usageError(stderr, "serve", "refusing to listen on %s without a token: use a loopback address or set --token-file / KOPECK_TOKEN", *addr)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	eng, err := openEngine(ctx, ef.options(*instances))
	if err != nil {
		fmt.Fprintf(stderr, "kopeck serve: %v\n", err)
		return exitInternal
	}
	defer eng.Close(context.Background())
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "kopeck serve: %v\n", err)
		return exitUsage
	}
	h := newServer(serveConfig{Engine: eng, EngineName: ef.engine, Token: token, MaxBody: *maxBody, CallTimeout: *callTimeout, Log: stderr})
	auth := "no token"
	if token != "" {
		auth = "bearer token required"
	}
	fmt.Fprintf(stderr, "kopeck serve: listening on http://%s (engine %s, %s)\n", ln.Addr(), ef.engine, auth)
	if err := serveUntil(ctx, ln, httpServer(h, *callTimeout)); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "kopeck serve: %v\n", err)
		return exitInternal
	}
	fmt.Fprintln(stderr, "kopeck serve: stopped")
	return exitOK
}
