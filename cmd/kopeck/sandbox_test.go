package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// sandboxOrder is an order every provider can carry exactly.
const sandboxOrder = `{"id":"S-1","items":[{"name":"Чай","price":"349.00","quantity":2},
	{"name":"Доставка","price":"300.00","quantity":1,"type":"shipping"}],
	"total":"998.00","customer":{"email":"buyer@example.ru"}}`

// TestSandboxWholeFlow builds a receipt for each provider with the
// settings the sandbox prints, sends the request to the simulator, and
// parses its answer: the offline flow the sandbox exists for.
func TestSandboxWholeFlow(t *testing.T) {
	sb := newSandbox()
	srv := httptest.NewServer(sb.mux)
	defer srv.Close()
	for _, eng := range engines {
		e, err := openEngine(context.Background(), engineOptions{Name: eng})
		if err != nil {
			t.Fatal(err)
		}
		for _, prov := range []string{"nanokassa", "kassavonline", "itkassa"} {
			settings, _ := json.Marshal(sb.settings(srv.URL, prov))
			// A distinct order id per engine: ITKassa's simulator prints a
			// document once per idempotency key, which comes from the id.
			order := strings.Replace(sandboxOrder, `"S-1"`, `"S-1-`+eng+`"`, 1)
			input := []byte(`{"settings":` + string(settings) + `,"order":` + order + `}`)
			out, err := e.Call(context.Background(), "build", input)
			if err != nil {
				t.Fatalf("%s/%s: %v", eng, prov, err)
			}
			var built map[string]any
			json.Unmarshal(out, &built)
			checkBuild(t, built)
			if t.Failed() {
				t.Fatalf("%s/%s: %s", eng, prov, out)
			}
			req := built["request"].(map[string]any)
			if !strings.HasPrefix(req["url"].(string), srv.URL+"/"+prov+"/") {
				t.Fatalf("%s/%s: request to %s, not the sandbox", eng, prov, req["url"])
			}
			before := len(sb.sims[prov].Accepted())
			hr, _ := http.NewRequest(req["method"].(string), req["url"].(string), strings.NewReader(req["body"].(string)))
			for k, v := range req["headers"].(map[string]any) {
				hr.Header.Set(k, v.(string))
			}
			resp, err := http.DefaultClient.Do(hr)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if got := len(sb.sims[prov].Accepted()); got != before+1 {
				t.Fatalf("%s/%s: simulator accepted %d new receipts (HTTP %d %s)", eng, prov, got-before, resp.StatusCode, body)
			}
			answer, _ := json.Marshal(map[string]any{"settings": json.RawMessage(settings), "response": map[string]any{
				"status": resp.StatusCode, "headers": map[string]string{"Content-Type": resp.Header.Get("Content-Type")}, "body": string(body), "for": "build"}})
			out, err = e.Call(context.Background(), "parse", answer)
			if err != nil {
				t.Fatal(err)
			}
			var res map[string]any
			json.Unmarshal(out, &res)
			if res["errors"] != nil || (res["state"] != "queued" && res["state"] != "done") {
				t.Errorf("%s/%s: parse answered %s", eng, prov, out)
			}
		}
		e.Close(context.Background())
	}
}

func TestSandboxSettingsHaveNoRealEndpoints(t *testing.T) {
	s, _ := json.Marshal(newSandbox().settings("http://127.0.0.1:9", "itkassa"))
	var m map[string]any
	json.Unmarshal(s, &m)
	if m["provider"] != "itkassa" || m["test"] != true {
		t.Errorf("settings %s", s)
	}
	for _, p := range []string{"nanokassa", "kassavonline", "itkassa"} {
		sec, _ := json.Marshal(m[p])
		for _, u := range regexpURLs(string(sec)) {
			if !strings.HasPrefix(u, "http://127.0.0.1:9/"+p) {
				t.Errorf("%s: URL %s outside the sandbox", p, u)
			}
		}
	}
}

// regexpURLs returns the http(s) URLs in s.
func regexpURLs(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '"' }) {
		if strings.HasPrefix(f, "http://") || strings.HasPrefix(f, "https://") {
			out = append(out, f)
		}
	}
	return out
}

func TestRunSandbox(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs syncBuffer
	file := writeFile(t, "settings.json", "")
	done := make(chan int)
	go func() {
		done <- runContext(ctx, []string{"sandbox", "--addr", "127.0.0.1:0", "--provider", "kassavonline", "--settings-out", file}, strings.NewReader(""), &out, &errs)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(errs.String(), "simulators on") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out.String()), &m); err != nil || m["provider"] != "kassavonline" {
		t.Fatalf("printed settings %q: %v", out.String(), err)
	}
	written := readInputFile(t, file)
	if len(written) != len(m) {
		t.Errorf("--settings-out differs from stdout")
	}
	// The simulators answer under their prefix.
	u := m["kassavonline"].(map[string]any)["url"].(string)
	resp, err := http.Post(u+"/api/status", "application/json", bytes.NewReader([]byte(`{}`)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound && strings.Contains(resp.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("kassavonline simulator not mounted at %s", u)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d: %s", code, errs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("sandbox did not stop")
	}
}

func TestRunSandboxRefusals(t *testing.T) {
	if _, errs, code := cli(t, "", "sandbox", "--addr", "0.0.0.0:0"); code != exitUsage || !strings.Contains(errs, "loopback") {
		t.Errorf("code %d, %q", code, errs)
	}
	if _, _, code := cli(t, "", "sandbox", "--provider", "atol"); code != exitUsage {
		t.Errorf("bad provider: code %d", code)
	}
}
