package main

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// kopecks parses a decimal money string ("3113.83", "5") into kopecks
// without floats: the test's own reading, independent of receipt.Money.
func kopecks(t *testing.T, v any) int64 {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("money %v is not a string", v)
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		t.Fatalf("money %q has more than 2 decimals", s)
	}
	frac += strings.Repeat("0", 2-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		t.Fatalf("money %q: %v", s, err)
	}
	return n
}

// checkBuild asserts the invariants of a build answer: lines sum to the
// total, payments sum to the total, a payload and a complete request.
func checkBuild(t *testing.T, m map[string]any) {
	t.Helper()
	if errs, ok := m["errors"]; ok {
		t.Fatalf("unexpected errors: %v", errs)
	}
	r, _ := m["receipt"].(map[string]any)
	if r == nil {
		t.Fatalf("no receipt in %v", m)
	}
	total := kopecks(t, r["total"])
	var lines, pays int64
	for _, l := range r["lines"].([]any) {
		lines += kopecks(t, l.(map[string]any)["total"])
	}
	for _, p := range r["payments"].([]any) {
		pays += kopecks(t, p.(map[string]any)["amount"])
	}
	if total <= 0 || lines != total || pays != total {
		t.Errorf("total %d, lines sum %d, payments sum %d", total, lines, pays)
	}
	if p, _ := m["payload"].(map[string]any); len(p) == 0 {
		t.Errorf("empty payload")
	}
	req, _ := m["request"].(map[string]any)
	if req["method"] != "POST" || !strings.HasPrefix(req["url"].(string), "http") || req["body"] == "" {
		t.Errorf("incomplete request %v", req)
	}
}

// demoKopecks is the demo order's total (testdata/demo/demo.order.json),
// computed by hand: 3×349 + 0.347×1890 (655.83) + 1290 − 129 + 350 − 100.
const demoKopecks = 104700 + 65583 + 129000 - 12900 + 35000 - 10000

func TestBuildDemoBothEngines(t *testing.T) {
	var receipts []any
	for _, eng := range engines {
		out, errs, code := cli(t, "", "build", "--engine", eng, "--settings", repo("testdata", "demo", "demo.settings.json"), repo("testdata", "demo", "demo.order.json"))
		if code != exitOK || errs != "" {
			t.Fatalf("%s: code %d, stderr %q", eng, code, errs)
		}
		if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
			t.Errorf("%s: the answer is not one line", eng)
		}
		m := decode(t, out)
		checkBuild(t, m)
		if got := kopecks(t, m["receipt"].(map[string]any)["total"]); got != demoKopecks {
			t.Errorf("%s: total %d, want %d", eng, got, demoKopecks)
		}
		receipts = append(receipts, m["receipt"])
	}
	if !reflect.DeepEqual(receipts[0], receipts[1]) {
		t.Errorf("engines disagree on the receipt")
	}
}

func TestBuildBadOrderListsEveryError(t *testing.T) {
	order := `{"items":[{"name":"","price":"abc","quantity":1},{"name":"B","price":"10.00","quantity":0}]}`
	for _, eng := range engines {
		out, errs, code := cli(t, order, "build", "--engine", eng, "--settings", repo("testdata", "demo", "demo.settings.json"))
		if code != exitErrors || errs != "" {
			t.Fatalf("%s: code %d, stderr %q", eng, code, errs)
		}
		m := decode(t, out)
		if _, ok := m["receipt"]; ok {
			t.Errorf("%s: a receipt came with errors", eng)
		}
		paths := map[string]string{}
		for _, e := range m["errors"].([]any) {
			p := e.(map[string]any)
			if p["code"] == "" || p["message"] == "" {
				t.Errorf("%s: problem without code or message: %v", eng, p)
			}
			paths[p["path"].(string)] = p["code"].(string)
		}
		if paths["order.items[0].price"] != "not_a_number" || paths["order.items[1].quantity"] != "zero_quantity" {
			t.Errorf("%s: errors by path %v", eng, paths)
		}
	}
}

func TestBuildProviderFlagOverridesSettings(t *testing.T) {
	in := readInputFile(t, repo("testdata", "cli", "itkassa.build.json"))
	var s map[string]any
	json.Unmarshal(in["settings"], &s)
	s["provider"] = "kassavonline" // the flag must win over this
	b, _ := json.Marshal(s)
	settings := writeFile(t, "settings.json", string(b))
	out, errs, code := cli(t, string(in["order"]), "build", "--engine", engineNative, "--provider", "itkassa", "--settings", settings, "-")
	if code != exitOK {
		t.Fatalf("code %d, stderr %q, out %s", code, errs, out)
	}
	m := decode(t, out)
	checkBuild(t, m)
	if u := m["request"].(map[string]any)["url"].(string); !strings.Contains(u, "/itkassa/") {
		t.Errorf("request went to %s, not itkassa", u)
	}
	if _, _, code := cli(t, "{}", "build", "--provider", "atol"); code != exitUsage {
		t.Errorf("unknown provider: code %d, want usage", code)
	}
}

func TestBuildFullInputObject(t *testing.T) {
	for _, eng := range engines {
		out, errs, code := cli(t, "", "build", "--engine", eng, repo("testdata", "cli", "itkassa.build.json"))
		if code != exitOK {
			t.Fatalf("%s: code %d, stderr %q", eng, code, errs)
		}
		checkBuild(t, decode(t, out))
	}
}

func TestBuildOrderNotJSON(t *testing.T) {
	out, _, code := cli(t, "{not json", "build", "--engine", engineNative)
	if code != exitErrors {
		t.Fatalf("code %d", code)
	}
	e := decode(t, out)["errors"].([]any)[0].(map[string]any)
	if e["code"] != "invalid_json" || e["path"] != "order" {
		t.Errorf("problem %v", e)
	}
}

func TestBuildSettingsFileErrorsKeepSecrets(t *testing.T) {
	secret := "sk-live-0123456789-very-secret"
	bad := writeFile(t, "s.json", `{"nanokassa":{"kassatoken":"`+secret+`"`) // truncated
	_, errs, code := cli(t, "{}", "build", "--engine", engineNative, "--settings", bad)
	if code != exitUsage || !strings.Contains(errs, "not valid JSON (at byte") {
		t.Fatalf("code %d, stderr %q", code, errs)
	}
	if strings.Contains(errs, secret) || strings.Contains(errs, "sk-live") {
		t.Errorf("stderr shows the secret: %q", errs)
	}
	arr := writeFile(t, "a.json", `["`+secret+`"]`)
	if _, errs, code := cli(t, "{}", "build", "--settings", arr); code != exitUsage || strings.Contains(errs, secret) || !strings.Contains(errs, "not a JSON object") {
		t.Errorf("array settings: code %d, stderr %q", code, errs)
	}
	if _, errs, code := cli(t, "{}", "build", "--settings", "/nonexistent/kopeck.json"); code != exitUsage || !strings.Contains(errs, "/nonexistent/kopeck.json") {
		t.Errorf("missing settings: code %d, stderr %q", code, errs)
	}
}

func TestBuildUsageErrors(t *testing.T) {
	cases := [][]string{
		{"build", "a.json", "b.json"},
		{"build", "--source", "shopify"},
		{"build", "--engine", "jit"},
		{"build", "--batch", "--refund", "r.json"},
		{"build", "--batch", "--pretty"},
		{"build", "--batch", "--workers", "0"},
		{"build", "/nonexistent/order.json"},
		{"build", "--refund", "/nonexistent/refund.json"},
		{"build", "--wasm", "x.wasm", "--engine", "native"},
	}
	for _, args := range cases {
		out, errs, code := cli(t, "{}", args...)
		if code != exitUsage || out != "" || errs == "" {
			t.Errorf("%v: code %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

func TestBuildPretty(t *testing.T) {
	out, _, code := cli(t, "", "build", "--engine", engineNative, "--pretty", repo("testdata", "cli", "itkassa.build.json"))
	if code != exitOK || !strings.Contains(out, "\n  \"receipt\": {") {
		t.Fatalf("code %d, not indented: %.200s", code, out)
	}
	checkBuild(t, decode(t, out))
}

func TestValidate(t *testing.T) {
	for _, eng := range engines {
		out, errs, code := cli(t, "", "validate", "--engine", eng, repo("testdata", "cli", "itkassa.build.json"))
		if code != exitOK {
			t.Fatalf("%s: code %d, stderr %q", eng, code, errs)
		}
		m := decode(t, out)
		if _, ok := m["receipt"]; ok || m["errors"] != nil {
			t.Errorf("%s: validate answered %s", eng, out)
		}
		out, _, code = cli(t, `{"items":[]}`, "validate", "--engine", eng, "--provider", "itkassa")
		if code != exitErrors || !strings.Contains(out, `"code":"no_items"`) {
			t.Errorf("%s: empty order: code %d, %s", eng, code, out)
		}
	}
}

func TestCommandAndParse(t *testing.T) {
	settings := writeFile(t, "s.json", string(readInputFile(t, repo("testdata", "cli", "itkassa.build.json"))["settings"]))
	for _, eng := range engines {
		out, errs, code := cli(t, `{"type":"x_report"}`, "command", "--engine", eng, "--settings", settings)
		if code != exitOK {
			t.Fatalf("%s: code %d, stderr %q", eng, code, errs)
		}
		req := decode(t, out)["request"].(map[string]any)
		if req["method"] != "POST" || !strings.Contains(req["body"].(string), "xReport") {
			t.Errorf("%s: x_report request %v", eng, req)
		}
		out, _, code = cli(t, `{"type":"teleport"}`, "command", "--engine", eng, "--settings", settings)
		if code != exitErrors || !strings.Contains(out, `"path":"command.type"`) {
			t.Errorf("%s: unknown command: code %d, %s", eng, code, out)
		}
		// A full input object works too, and a failed provider answer is
		// not an error of the input: exit 0.
		resp := `{"response":{"status":200,"headers":{},"body":"{}","for":"build"}}`
		out, _, code = cli(t, resp, "parse", "--engine", eng, "--settings", settings)
		if code != exitOK || decode(t, out)["state"] == nil {
			t.Errorf("%s: parse: code %d, %s", eng, code, out)
		}
		out, _, code = cli(t, `{"status":"two hundred"}`, "parse", "--engine", eng, "--settings", settings)
		if code != exitErrors || !strings.Contains(out, `"path":"response.status"`) {
			t.Errorf("%s: bad status: code %d, %s", eng, code, out)
		}
	}
}

func TestWriteAnswerPrettyKeepsInvalidAsIs(t *testing.T) {
	var b strings.Builder
	if err := writeAnswer(&b, []byte("{oops"), true); err != nil || b.String() != "{oops\n" {
		t.Errorf("got %q, %v", b.String(), err)
	}
}

// readInputFile reads a full input object's members.
func readInputFile(t *testing.T, path string) map[string]json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBuildWooCommerceRefundFromFlags splits a WooCommerce refund input
// into a settings file, the order and a --refund file: the CLI must answer
// exactly what the engine answers for the original input object.
func TestBuildWooCommerceRefundFromFlags(t *testing.T) {
	path := repo("testdata", "woocommerce", "fixed-cart-refund-partial.itkassa.input.json")
	full := readInputFile(t, path)
	raw, _ := os.ReadFile(path)
	want, err := (nativeEngine{}).Call(context.Background(), "build", raw)
	if err != nil {
		t.Fatal(err)
	}
	var wantM map[string]any
	json.Unmarshal(want, &wantM)
	checkBuild(t, wantM)
	settings := writeFile(t, "s.json", string(full["settings"]))
	order := writeFile(t, "o.json", string(full["order"]))
	refund := writeFile(t, "r.json", string(full["refund"]))
	for _, eng := range engines {
		out, errs, code := cli(t, "", "build", "--engine", eng, "--source", "woocommerce", "--settings", settings, "--refund", refund, order)
		if code != exitOK {
			t.Fatalf("%s: code %d, stderr %q, %s", eng, code, errs, out)
		}
		got := decode(t, out)
		if !reflect.DeepEqual(got["receipt"], wantM["receipt"]) || !reflect.DeepEqual(got["payload"], wantM["payload"]) {
			t.Errorf("%s: the CLI's answer differs from the engine's on the full input", eng)
		}
		if r := got["receipt"].(map[string]any); r["kind"] != "sale_refund" {
			t.Errorf("%s: kind %v, want sale_refund", eng, r["kind"])
		}
	}
}
