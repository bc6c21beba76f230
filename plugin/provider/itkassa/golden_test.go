package itkassa_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	sim "github.com/kopeck/kopeck/internal/sim/itkassa"
	"github.com/kopeck/kopeck/mapping/generic"
	"github.com/kopeck/kopeck/plugin/engine"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/itkassa"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/kopeck/kopeck/plugin/settings"
	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

var update = flag.Bool("update", false, "rewrite the .payload.json golden files (then review them by hand)")

const dir = "../../../testdata/itkassa/"

// goldenCase is testdata/itkassa/<name>.order.json (generic order format)
// with its .settings.json, and either a .payload.json (the expected
// print-documents body, optional .warnings.json) or an .errors.json.
type goldenCase struct {
	name                string
	order, rawSettings  []byte
	settings            settings.Settings
	payload             []byte
	wantErrs, wantWarns []codePath
}

type codePath struct {
	Code string `json:"code"`
	Path string `json:"path"`
}

func loadCases(t *testing.T) []goldenCase {
	t.Helper()
	orders, _ := filepath.Glob(dir + "*.order.json")
	if len(orders) < 9 {
		t.Fatalf("golden cases missing: %v", orders)
	}
	var out []goldenCase
	for _, o := range orders {
		name := strings.TrimSuffix(filepath.Base(o), ".order.json")
		c := goldenCase{name: name, order: read(t, o), rawSettings: read(t, dir+name+".settings.json")}
		var p receipt.Problems
		c.settings, p = settings.Parse(c.rawSettings)
		if p.HasErrors() {
			t.Fatalf("%s settings: %v", name, p)
		}
		readJSON(t, dir+name+".errors.json", &c.wantErrs)
		readJSON(t, dir+name+".warnings.json", &c.wantWarns)
		if c.wantErrs == nil {
			c.payload = read(t, dir+name+".payload.json")
		}
		out = append(out, c)
	}
	return out
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !*update {
		t.Fatal(err)
	}
	return b
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// build runs the core's pipeline as the engine does: generic mapping,
// reconciliation, then this provider's Build with the case's own section
// (or section, when given).
func build(t *testing.T, c goldenCase, section json.RawMessage) (provider.Built, receipt.Problems) {
	t.Helper()
	order, p := generic.Map(c.order)
	if p.HasErrors() {
		t.Fatalf("mapping: %v", p)
	}
	r, more := receipt.Reconcile(order, c.settings.Rules)
	p.Add(more)
	if r == nil {
		t.Fatalf("reconcile: %v", p)
	}
	if bad := receipt.Check(r); bad != nil {
		t.Fatalf("receipt invariants: %v", bad)
	}
	raw, path := c.settings.Section("itkassa")
	if section != nil {
		raw = section
	}
	b, more := itkassa.New().Build(r, provider.Options{Test: c.settings.Test, Config: raw, ConfigPath: path})
	p.Add(more)
	return b, p
}

func codePaths(ps receipt.Problems) []codePath {
	out := []codePath{}
	for _, p := range ps {
		out = append(out, codePath{p.Code, p.Path})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path+out[i].Code < out[j].Path+out[j].Code })
	return out
}

func same(a, b []codePath) bool {
	if b == nil {
		b = []codePath{}
	}
	sort.Slice(b, func(i, j int) bool { return b[i].Path+b[i].Code < b[j].Path+b[j].Code })
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func compact(t *testing.T, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return out.String()
}

// TestGolden builds every case and compares payload, errors and warnings.
// Every payload is also checked by the simulator's independent Check and
// against the order's own numbers (checkAgainstOrder).
func TestGolden(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			b, p := build(t, c, nil)
			if c.wantErrs != nil {
				if b.Payload != nil || !same(codePaths(p.Errors()), c.wantErrs) {
					t.Fatalf("errors %v, want %v", codePaths(p.Errors()), c.wantErrs)
				}
				return
			}
			if p.HasErrors() {
				t.Fatalf("errors: %v", p)
			}
			if !same(codePaths(p.Warnings()), c.wantWarns) {
				t.Errorf("warnings %v, want %v", codePaths(p.Warnings()), c.wantWarns)
			}
			if bad := sim.Check(b.Payload); bad != nil {
				t.Errorf("payload breaks the document's rules: %v", bad)
			}
			checkAgainstOrder(t, c, b.Payload)
			if *update {
				var pretty bytes.Buffer
				_ = json.Indent(&pretty, b.Payload, "", "  ")
				pretty.WriteByte('\n')
				if err := os.WriteFile(dir+c.name+".payload.json", pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got, want := string(b.Payload), compact(t, c.payload); got != want {
				t.Errorf("payload differs from %s.payload.json:\n got %s\nwant %s", c.name, got, want)
			}
		})
	}
}

// checkAgainstOrder recomputes, in decimals from the order's own text, what
// the payload must say: the payment amounts add up to the order's total
// (stated, or its payments, or Σ round(price × quantity) − discounts) and each
// payment type's amount is the order's; each item's quantity is carried by
// the lines of the same title; no line price exceeds the listed price; the
// idempKey is the order's; the command type is the order's kind.
func checkAgainstOrder(t *testing.T, c goldenCase, payload []byte) {
	t.Helper()
	o, pl := gjson.ParseBytes(c.order), gjson.ParseBytes(payload)
	dec := func(r gjson.Result) decimal.Decimal {
		s := r.Str
		if r.Type == gjson.Number {
			s = r.Raw
		}
		return decimal.RequireFromString(s)
	}
	cmd := pl.Get("commands.0")
	var want decimal.Decimal
	switch {
	case o.Get("total").Exists():
		want = dec(o.Get("total"))
	case o.Get("payments").Exists():
		for _, p := range o.Get("payments").Array() {
			want = want.Add(dec(p.Get("amount")))
		}
	default:
		for _, it := range o.Get("items").Array() {
			// each line's amount is rounded to the kopeck (FFD 1043)
			want = want.Add(dec(it.Get("price")).Mul(dec(it.Get("quantity"))).Round(2))
		}
		for _, d := range o.Get("discounts").Array() {
			want = want.Sub(dec(d.Get("amount")))
		}
	}
	paid := decimal.Zero
	for _, f := range []string{"amountCash", "amountElectronic", "amountPrepaid", "amountCredit", "amountIncoming"} {
		paid = paid.Add(dec(cmd.Get(f)))
	}
	if !paid.Equal(want) {
		t.Errorf("payments %s, the order says %s", paid, want)
	}
	fields := map[string]string{"cash": "amountCash", "electronic": "amountElectronic"}
	for _, p := range o.Get("payments").Array() {
		if f := fields[p.Get("type").Str]; f != "" && !dec(cmd.Get(f)).Equal(dec(p.Get("amount"))) {
			t.Errorf("%s %s, the order pays %s", f, cmd.Get(f).Str, p.Get("amount").Str)
		}
	}
	qty, price := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
	for _, it := range o.Get("items").Array() {
		qty[it.Get("name").Str] = qty[it.Get("name").Str].Add(dec(it.Get("quantity")))
		price[it.Get("name").Str] = dec(it.Get("price"))
	}
	got := map[string]decimal.Decimal{}
	for _, l := range cmd.Get("lines").Array() {
		got[l.Get("title").Str] = got[l.Get("title").Str].Add(dec(l.Get("quantity")))
		if dec(l.Get("price")).GreaterThan(price[l.Get("title").Str]) {
			t.Errorf("%s: price %s above the listed %s", l.Get("title").Str, l.Get("price").Str, price[l.Get("title").Str])
		}
	}
	if len(got) != len(qty) {
		t.Errorf("titles %v, items %v", got, qty)
	}
	for name, q := range qty {
		if !got[name].Equal(q) {
			t.Errorf("%s: quantity %s in the payload, %s in the order", name, got[name], q)
		}
	}
	kind := o.Get("kind").Str
	if kind == "" {
		kind = "sale"
	}
	cre := gjson.GetBytes(c.rawSettings, "itkassa.cre_item_id").Str
	if k := pl.Get("idempKey").Str; k != itkassa.IdempKey(cre, o.Get("id").String(), receipt.Kind(kind)) {
		t.Errorf("idempKey %s is not the order's", k)
	}
	if typ := map[string]string{"sale": "sale", "sale_refund": "returnSale"}[kind]; cmd.Get("type").Str != typ {
		t.Errorf("type %s for kind %s", cmd.Get("type").Str, kind)
	}
}

// TestGoldenThroughSimulator sends every golden payload, with the
// simulator's settings, over HTTP: it must be accepted exactly as built,
// queued, then done by its idempotency key with the same total; sending it
// again must not print a second receipt.
func TestGoldenThroughSimulator(t *testing.T) {
	s := sim.New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, c := range loadCases(t) {
		if c.wantErrs != nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			section, _ := json.Marshal(s.Settings(srv.URL))
			b, _ := build(t, c, section)
			o := provider.Options{Test: true, Config: section, ConfigPath: "settings.itkassa"}
			res := send(t, b.Request, "build", o)
			if res.State != provider.StateQueued || res.ID == "" {
				t.Fatalf("%+v %+v", res, res.Error)
			}
			acc := s.Accepted()
			if !bytes.Equal(acc[len(acc)-1], b.Payload) {
				t.Fatalf("the simulator holds\n%s\nBuild returned\n%s", acc[len(acc)-1], b.Payload)
			}
			printed := s.Printed()
			again := send(t, b.Request, "build", o)
			if again.ID != res.ID || s.Duplicates() == 0 || len(s.Accepted()) != len(acc) {
				t.Fatalf("a resent document was taken as new: %+v", again)
			}
			key := gjson.GetBytes(b.Payload, "idempKey").Str
			req, p := itkassa.New().Command(provider.Command{Type: provider.CmdDocumentByKey,
				Params: []byte(`{"order_id":` + gjson.GetBytes(c.order, "id").Raw + `,"kind":"` + kindOf(c) + `"}`)}, o)
			if p.HasErrors() || !strings.Contains(req.URL, key) {
				t.Fatalf("%v %s", p, req.URL)
			}
			st := send(t, req, provider.CmdDocumentByKey, o)
			var paid decimal.Decimal
			cmd := gjson.GetBytes(b.Payload, "commands.0")
			for _, f := range []string{"amountCash", "amountElectronic", "amountPrepaid", "amountCredit", "amountIncoming"} {
				paid = paid.Add(decimal.RequireFromString(cmd.Get(f).Str))
			}
			if st.State != provider.StateDone || st.Fiscal == nil || st.Fiscal.Total != paid.StringFixed(2) || st.ID != res.ID {
				t.Errorf("status %+v %+v", st, st.Fiscal)
			}
			if s.Printed() != printed+1 {
				t.Errorf("printed %d, want %d", s.Printed(), printed+1)
			}
		})
	}
}

func kindOf(c goldenCase) string {
	if k := gjson.GetBytes(c.order, "kind").Str; k != "" {
		return k
	}
	return "sale"
}

func send(t *testing.T, r provider.Request, kind string, o provider.Options) provider.Result {
	t.Helper()
	req, err := http.NewRequest(r.Method, r.URL, strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	res, p := itkassa.New().Parse(provider.Response{Status: resp.StatusCode, Body: string(body), For: kind}, o)
	if p.HasErrors() {
		t.Fatal(p)
	}
	return res
}

// TestGoldenThroughEngine runs every case through engine.Call("build"), the
// function behind the plugin's exports.
func TestGoldenThroughEngine(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			in := `{"settings":` + string(c.rawSettings) + `,"order":` + string(c.order) + `}`
			out, err := engine.Call("build", []byte(in), engine.Env{})
			if err != nil {
				t.Fatal(err)
			}
			a := gjson.ParseBytes(out)
			if c.wantErrs != nil {
				var got []codePath
				_ = json.Unmarshal([]byte(a.Get("errors").Raw), &got)
				sort.Slice(got, func(i, j int) bool { return got[i].Path+got[i].Code < got[j].Path+got[j].Code })
				if a.Get("payload").Exists() || !same(got, c.wantErrs) {
					t.Fatalf("%s", out)
				}
				return
			}
			if got, want := compact(t, []byte(a.Get("payload").Raw)), compact(t, c.payload); got != want {
				t.Errorf("engine payload\n got %s\nwant %s", got, want)
			}
			if a.Get("request.headers.X-API-Key").Str != gjson.GetBytes(c.rawSettings, "itkassa.api_key").Str {
				t.Errorf("request %s", a.Get("request").Raw)
			}
		})
	}
}

// TestCallbackThroughEngine: a callback taken from the simulator goes
// through engine.Call("parse") as a host would send it; the right key gives
// the printed receipt, a wrong key or none gives no result.
func TestCallbackThroughEngine(t *testing.T) {
	s := sim.New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	c := loadCases(t)[0]
	section, _ := json.Marshal(s.Settings(srv.URL))
	b, _ := build(t, c, section)
	o := provider.Options{Test: true, Config: section, ConfigPath: "settings.itkassa"}
	if res := send(t, b.Request, "build", o); res.State != provider.StateQueued {
		t.Fatalf("%+v", res)
	}
	headers, body, ok := s.Callback(gjson.GetBytes(b.Payload, "idempKey").Str)
	if !ok {
		t.Fatal("no callback")
	}
	call := func(h map[string]string) gjson.Result {
		t.Helper()
		in, _ := json.Marshal(map[string]any{
			"settings": map[string]any{"provider": "itkassa", "itkassa": json.RawMessage(section)},
			"response": map[string]any{"status": 200, "headers": h, "body": string(body), "for": "callback"},
		})
		out, err := engine.Call("parse", in, engine.Env{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(out), sim.CallbackKey) || strings.Contains(string(out), sim.APIKey) {
			t.Fatalf("a secret in the answer: %s", out)
		}
		return gjson.ParseBytes(out)
	}
	a := call(headers)
	if a.Get("state").Str != "done" || a.Get("fiscal.total").Str == "" || a.Get("fiscal.qr").Str == "" {
		t.Fatalf("%s", a.Raw)
	}
	for _, h := range []map[string]string{{"x-api-key": "forged"}, {}} {
		if a := call(h); a.Get("state").Str == "done" || !strings.Contains(a.Raw, itkassa.CodeCallbackUnauthorized) {
			t.Fatalf("%v accepted: %s", h, a.Raw)
		}
	}
}
