package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// loadtestInput is the bundled build input of the load test: the demo
// order (testdata/demo) for ITKassa with fixed test settings (a copy of
// testdata/cli/itkassa.build.json). Nanokassa's envelope adds RSA and AES
// work per request; measure it with --input and the demo settings.
//
//go:embed loadtest_input.json
var loadtestInput []byte

// loadReport is the load test's summary, printed as JSON.
type loadReport struct {
	URL         string         `json:"url"`
	Engine      string         `json:"engine,omitempty"`
	Requests    int64          `json:"requests"`
	OK          int64          `json:"ok"`
	Failed      int64          `json:"failed"`
	Statuses    map[string]int `json:"statuses"`
	Seconds     float64        `json:"seconds"`
	PerSecond   float64        `json:"per_second"`
	P50ms       float64        `json:"p50_ms"`
	P99ms       float64        `json:"p99_ms"`
	MaxMs       float64        `json:"max_ms"`
	Concurrency int            `json:"concurrency"`
}

// runLoadtest is the hidden "kopeck loadtest": it POSTs a bundled build
// input to a sidecar on loopback — its own, started in process, unless
// --url names one — with --concurrency clients, until --requests are done
// or --duration has passed, and prints a JSON summary. Exit 1 when any
// request failed (a status other than 200) or the rate is below --min-rps.
func runLoadtest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("loadtest", stderr)
	var ef engineFlags
	ef.register(fs)
	target := fs.String("url", "", "sidecar base `URL` on loopback (default: start one in this process)")
	tokenFile := fs.String("token-file", "", "bearer token `file` for --url (else env KOPECK_TOKEN)")
	inputFile := fs.String("input", "", "build input `file` to POST (default: the demo order for ITKassa)")
	requests := fs.Int("requests", 20000, "requests to send at most")
	duration := fs.Duration("duration", 30*time.Second, "stop after this time at most")
	concurrency := fs.Int("concurrency", 16, "parallel clients")
	minRPS := fs.Float64("min-rps", 0, "fail when the rate is below this")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) > 0 {
		return usageError(stderr, "loadtest", "takes no arguments")
	}
	if err := ef.check(); err != nil {
		return usageError(stderr, "loadtest", "%v", err)
	}
	if *requests < 1 || *concurrency < 1 || *duration <= 0 || *duration > 10*time.Minute {
		return usageError(stderr, "loadtest", "--requests and --concurrency must be ≥ 1, --duration in (0, 10m]")
	}
	body := loadtestInput
	if *inputFile != "" {
		if body, err = readJSONFile(*inputFile, "input"); err != nil {
			return usageError(stderr, "loadtest", "%v", err)
		}
	}
	token, err := readToken(*tokenFile, os.Getenv)
	if err != nil {
		return usageError(stderr, "loadtest", "%v", err)
	}
	base := strings.TrimRight(*target, "/")
	engineName := ""
	if base == "" {
		eng, err := openEngine(ctx, ef.options(0))
		if err != nil {
			fmt.Fprintf(stderr, "kopeck loadtest: %v\n", err)
			return exitInternal
		}
		defer eng.Close(context.Background())
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Fprintf(stderr, "kopeck loadtest: %v\n", err)
			return exitInternal
		}
		sctx, stop := context.WithCancel(ctx)
		defer stop()
		token = "loadtest-token"
		srv := httpServer(newServer(serveConfig{Engine: eng, EngineName: ef.engine, Token: token, Log: stderr}), defaultCallTimeout)
		go serveUntil(sctx, ln, srv)
		base, engineName = "http://"+ln.Addr().String(), ef.engine
	} else if u, err := url.Parse(base); err != nil || u.Scheme != "http" || !isLoopback(u.Host) {
		return usageError(stderr, "loadtest", "--url must be http:// on a loopback address with a port (127.0.0.1:PORT)")
	}
	rep := loadtest(ctx, base+"/v1/build", token, body, *requests, *concurrency, *duration)
	rep.Engine = engineName
	b, _ := json.MarshalIndent(rep, "", "  ")
	fmt.Fprintf(stdout, "%s\n", b)
	if rep.Failed > 0 || rep.PerSecond < *minRPS {
		return exitErrors
	}
	return exitOK
}

// loadtest sends at most n POSTs of body to target with c clients, for at
// most d, and summarises them. Only 200 counts as OK.
func loadtest(ctx context.Context, target, token string, body []byte, n, c int, d time.Duration) loadReport {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConns: c, MaxIdleConnsPerHost: c, MaxConnsPerHost: c},
	}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	var mu sync.Mutex
	statuses := map[string]int{}
	lat := make([]time.Duration, 0, n)
	var ok, failed int64
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < c; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && next.Add(1) <= int64(n) {
				t0 := time.Now()
				status := post(ctx, client, target, token, body)
				el := time.Since(t0)
				if ctx.Err() != nil && status == "error" {
					return // the deadline cut this request: not counted
				}
				mu.Lock()
				statuses[status]++
				lat = append(lat, el)
				if status == "200" {
					ok++
				} else {
					failed++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	secs := time.Since(start).Seconds()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	return loadReport{URL: target, Requests: ok + failed, OK: ok, Failed: failed, Statuses: statuses,
		Seconds: secs, PerSecond: float64(ok+failed) / secs, P50ms: pct(0.50), P99ms: pct(0.99), MaxMs: pct(1), Concurrency: c}
}

// post sends one request and returns its status code, or "error".
func post(ctx context.Context, client *http.Client, target, token string, body []byte) string {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return "error"
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return "error"
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return fmt.Sprint(resp.StatusCode)
}
