package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

const testToken = "s3cret-token-for-tests"

// demoInput is a build input that builds (itkassa, fixed test settings).
func demoInput(t *testing.T) []byte {
	t.Helper()
	full := readInputFile(t, repo("testdata", "cli", "itkassa.build.json"))
	b, _ := json.Marshal(full)
	return b
}

// do sends one request to h and returns status, headers and the decoded body.
func do(t *testing.T, h http.Handler, method, path, token string, body io.Reader) (int, http.Header, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("%s %s: body is not JSON: %q", method, path, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s: content type %q", method, path, ct)
	}
	return rec.Code, rec.Header(), m
}

// firstError returns the code of the first error of an answer.
func firstError(m map[string]any) string {
	errs, _ := m["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	return errs[0].(map[string]any)["code"].(string)
}

func TestServeHandler(t *testing.T) {
	var log bytes.Buffer
	h := newServer(serveConfig{Engine: nativeEngine{}, EngineName: "native", Token: testToken, MaxBody: 64 << 10, Log: &log})
	in := demoInput(t)

	code, _, m := do(t, h, "POST", "/v1/build", testToken, bytes.NewReader(in))
	if code != 200 {
		t.Fatalf("build: %d %v", code, m)
	}
	checkBuild(t, m)

	code, _, m = do(t, h, "POST", "/v1/validate", testToken, bytes.NewReader(in))
	if code != 200 || m["errors"] != nil {
		t.Errorf("validate: %d %v", code, m)
	}
	code, _, m = do(t, h, "POST", "/v1/build", testToken, strings.NewReader(`{"settings":{"provider":"itkassa"},"order":{"items":[]}}`))
	if code != 422 || firstError(m) == "" {
		t.Errorf("bad order: %d %v", code, m)
	}
	code, _, m = do(t, h, "GET", "/v1/version", testToken, nil)
	if code != 200 || m["version"] == nil {
		t.Errorf("version: %d %v", code, m)
	}
	code, _, m = do(t, h, "POST", "/v1/command", testToken, strings.NewReader(`{"settings":{"provider":"itkassa","itkassa":{"url":"http://127.0.0.1:1/x","api_key":"k","cre_item_id":"89189775-e4fc-70d0-5e2c-182e4121308e"}},"command":{"type":"x_report"}}`))
	if code != 200 || m["request"] == nil {
		t.Errorf("command: %d %v", code, m)
	}
	code, _, m = do(t, h, "POST", "/v1/parse", testToken, strings.NewReader(`{"settings":{"provider":"itkassa"},"response":{"status":"x"}}`))
	if code != 422 || firstError(m) != "wrong_type" {
		t.Errorf("parse: %d %v", code, m)
	}

	// Failures of the HTTP layer, each with its JSON error.
	cases := []struct {
		method, path, token, body string
		status                    int
		code                      string
	}{
		{"POST", "/v1/build", "", "{}", 401, codeUnauthorized},
		{"POST", "/v1/build", "wrong", "{}", 401, codeUnauthorized},
		{"POST", "/v1/build", testToken + "x", "{}", 401, codeUnauthorized},
		{"POST", "/v1/nope", "", "{}", 401, codeUnauthorized}, // routes are not revealed
		{"POST", "/v1/nope", testToken, "{}", 404, codeNotFound},
		{"GET", "/", testToken, "", 404, codeNotFound},
		{"GET", "/v1/build", testToken, "", 405, codeMethodNotAllowed},
		{"DELETE", "/v1/version", testToken, "", 405, codeMethodNotAllowed},
		{"POST", "/healthz", "", "", 405, codeMethodNotAllowed},
		{"POST", "/v1/build", testToken, "{not json", 400, "invalid_json"},
		{"POST", "/v1/build", testToken, "", 400, "invalid_json"},
		{"POST", "/v1/build", testToken, `{"x":"` + strings.Repeat("a", 70<<10) + `"}`, 413, codeBodyTooLarge},
	}
	for _, c := range cases {
		code, hdr, m := do(t, h, c.method, c.path, c.token, strings.NewReader(c.body))
		if code != c.status || firstError(m) != c.code {
			t.Errorf("%s %s token=%q: %d %v, want %d %s", c.method, c.path, c.token, code, m, c.status, c.code)
		}
		if c.status == 401 && !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("401 without WWW-Authenticate")
		}
		if c.status == 405 && hdr.Get("Allow") == "" {
			t.Errorf("405 without Allow")
		}
	}
	// The token scheme is case-insensitive; healthz needs no token.
	req := httptest.NewRequest("POST", "/v1/build", bytes.NewReader(in))
	req.Header.Set("Authorization", "bearer "+testToken)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("lower-case bearer: %d", rec.Code)
	}
	if code, _, m := do(t, h, "GET", "/healthz", "", nil); code != 200 || m["status"] != "ok" || m["engine"] != "native" {
		t.Errorf("healthz: %d %v", code, m)
	}
	if log.Len() != 0 {
		t.Errorf("bad input was logged: %q", log.String())
	}
}

func TestServeWithoutToken(t *testing.T) {
	h := newServer(serveConfig{Engine: nativeEngine{}})
	if code, _, m := do(t, h, "POST", "/v1/build", "", bytes.NewReader(demoInput(t))); code != 200 {
		t.Errorf("no token configured: %d %v", code, m)
	}
	if code, _, _ := do(t, h, "POST", "/v1/build", "anything", bytes.NewReader(demoInput(t))); code != 200 {
		t.Errorf("a token sent when none is configured: %d", code)
	}
}

// trickyEngine panics, fails or stalls on demand.
type trickyEngine struct{}

func (trickyEngine) Call(ctx context.Context, export string, input []byte) ([]byte, error) {
	switch {
	case bytes.Contains(input, []byte("panic")):
		panic("engine exploded with " + string(input))
	case bytes.Contains(input, []byte("fail")):
		return nil, errors.New("trap: " + string(input))
	case bytes.Contains(input, []byte("slow")):
		<-ctx.Done()
		return nil, fmt.Errorf("host: %w", ctx.Err())
	}
	return []byte(`{"receipt":{},"warnings":[]}`), nil
}

func (trickyEngine) Close(context.Context) error { return nil }

func TestServeSurvivesFailures(t *testing.T) {
	var log bytes.Buffer
	h := newServer(serveConfig{Engine: trickyEngine{}, Token: testToken, CallTimeout: 50 * time.Millisecond, Log: &log})
	secret := `{"settings":{"itkassa":{"api_key":"TOP-SECRET-KEY"}},"x":"%s"}`
	for _, c := range []struct {
		what   string
		status int
		code   string
	}{{"panic", 500, codeInternal}, {"fail", 500, codeInternal}, {"slow", 503, codeTimeout}, {"fine", 200, ""}} {
		code, _, m := do(t, h, "POST", "/v1/build", testToken, strings.NewReader(fmt.Sprintf(secret, c.what)))
		if code != c.status || firstError(m) != c.code {
			t.Errorf("%s: %d %v", c.what, code, m)
		}
	}
	l := log.String()
	if !strings.Contains(l, "internal failure: panic: engine exploded") || !strings.Contains(l, "internal failure") {
		t.Errorf("log %q", l)
	}
	if strings.Contains(l, "TOP-SECRET-KEY") || strings.Contains(l, testToken) {
		t.Errorf("a secret reached the log: %q", l)
	}
}

func TestIsLoopback(t *testing.T) {
	cases := map[string]bool{
		"127.0.0.1:8754": true, "127.1.2.3:1": true, "[::1]:80": true, "localhost:0": true, "LOCALHOST:1": true,
		":8754": false, "0.0.0.0:8754": false, "[::]:1": false, "192.168.1.5:80": false, "example.com:80": false, "127.0.0.1": false,
	}
	for addr, want := range cases {
		if isLoopback(addr) != want {
			t.Errorf("isLoopback(%q) != %v", addr, want)
		}
	}
}

func TestReadToken(t *testing.T) {
	env := func(v string) func(string) string { return func(string) string { return v } }
	f := writeFile(t, "tok", "  file-token\n")
	if tok, err := readToken(f, env("env-token")); err != nil || tok != "file-token" {
		t.Errorf("file: %q %v", tok, err)
	}
	if tok, err := readToken("", env(" env-token ")); err != nil || tok != "env-token" {
		t.Errorf("env: %q %v", tok, err)
	}
	empty := writeFile(t, "empty", "\n")
	if _, err := readToken(empty, env("")); err == nil {
		t.Error("an empty token file was accepted")
	}
	if _, err := readToken(empty+".missing", env("")); err == nil {
		t.Error("a missing token file was accepted")
	}
}

func TestRunServeRefusals(t *testing.T) {
	t.Setenv("KOPECK_TOKEN", "")
	_, errs, code := cli(t, "", "serve", "--addr", "0.0.0.0:0", "--engine", engineNative)
	if code != exitUsage || !strings.Contains(errs, "refusing to listen on 0.0.0.0:0 without a token") {
		t.Errorf("code %d, %q", code, errs)
	}
	if _, _, code := cli(t, "", "serve", "extra"); code != exitUsage {
		t.Errorf("argument: code %d", code)
	}
	if _, _, code := cli(t, "", "serve", "--token-file", writeFile(t, "e", "")); code != exitUsage {
		t.Errorf("empty token file: code %d", code)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRunServeRealListener runs "kopeck serve" (wasm engine) on
// 127.0.0.1:0, hits it from many goroutines with good and bad requests, and
// stops it by cancelling its context, as SIGTERM would.
func TestRunServeRealListener(t *testing.T) {
	t.Setenv("KOPECK_TOKEN", testToken)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errs syncBuffer
	done := make(chan int)
	go func() {
		done <- runContext(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--max-body", "100000"}, strings.NewReader(""), io.Discard, &errs)
	}()
	re := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)
	var base string
	for deadline := time.Now().Add(30 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(errs.String()); m != nil {
			base = m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, errs.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("serve did not start: %s", errs.String())
	}
	good := demoInput(t)
	type probe struct {
		token  string
		body   []byte
		status int
	}
	probes := []probe{
		{testToken, good, 200},
		{"", good, 401},
		{"wrong-token", good, 401},
		{testToken, []byte("{bad json"), 400},
		{testToken, bytes.Repeat([]byte(" "), 200000), 413},
		{testToken, []byte(`{"settings":{"provider":"itkassa"},"order":{"items":[{"price":"x"}]}}`), 422},
	}
	client := &http.Client{Timeout: 20 * time.Second}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	var builds int
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 12; i++ {
				p := probes[(g+i)%len(probes)]
				req, _ := http.NewRequest("POST", base+"/v1/build", bytes.NewReader(p.body))
				if p.token != "" {
					req.Header.Set("Authorization", "Bearer "+p.token)
				}
				resp, err := client.Do(req)
				if err != nil {
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				mu.Lock()
				if resp.StatusCode != p.status || !json.Valid(body) {
					failures = append(failures, fmt.Sprintf("want %d got %d %.200s", p.status, resp.StatusCode, body))
				} else if p.status == 200 {
					builds++
					var m map[string]any
					json.Unmarshal(body, &m)
					checkBuild(t, m)
				}
				mu.Unlock()
			}
		}(g)
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d failures, first: %s", len(failures), failures[0])
	}
	if builds == 0 {
		t.Error("no build succeeded")
	}
	// Still serving after all the bad input.
	resp, err := client.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz after load: %v", err)
	}
	resp.Body.Close()
	cancel()
	select {
	case code := <-done:
		if code != exitOK || !strings.Contains(errs.String(), "stopped") {
			t.Errorf("exit %d: %s", code, errs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	if strings.Contains(errs.String(), testToken) {
		t.Error("the token reached stderr")
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second); err == nil {
		t.Error("still listening after shutdown")
	}
}

// BenchmarkServeBuild is one POST /v1/build through the handler (no
// network), per engine.
func BenchmarkServeBuild(b *testing.B) {
	benchEngines(b, func(e Engine) func([]byte) error {
		h := newServer(serveConfig{Engine: e, Token: testToken})
		return func(in []byte) error {
			req := httptest.NewRequest("POST", "/v1/build", bytes.NewReader(in))
			req.Header.Set("Authorization", "Bearer "+testToken)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				return fmt.Errorf("status %d", rec.Code)
			}
			return nil
		}
	})
}
