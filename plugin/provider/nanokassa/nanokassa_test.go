package nanokassa_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	sim "github.com/kopeck/kopeck/internal/sim/nanokassa"
	"github.com/kopeck/kopeck/mapping/generic"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/nanokassa"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/kopeck/kopeck/plugin/settings"
	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

var update = flag.Bool("update", false, "rewrite testdata/nanokassa/*.payload.json (review them: each must pass sim.Check)")

// seeded is a deterministic random source for stable requests in tests.
func seeded(seed byte) *rand.ChaCha8 { return rand.NewChaCha8([32]byte{'n', 'k', seed}) }

var (
	simOnce sync.Once
	theSim  *sim.Sim
)

// shared returns one simulator for the package's tests (key generation is
// the slow part).
func shared() *sim.Sim {
	simOnce.Do(func() { theSim = sim.New() })
	return theSim
}

type goldenCase struct {
	name     string
	order    []byte
	settings settings.Settings
}

func loadCases(t *testing.T) []goldenCase {
	t.Helper()
	orders, _ := filepath.Glob("../../../testdata/nanokassa/*.order.json")
	if len(orders) < 9 {
		t.Fatalf("expected at least 9 golden orders, found %d", len(orders))
	}
	var out []goldenCase
	for _, o := range orders {
		name := strings.TrimSuffix(filepath.Base(o), ".order.json")
		order, err := os.ReadFile(o)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(strings.TrimSuffix(o, ".order.json") + ".settings.json")
		if err != nil {
			t.Fatal(err)
		}
		s, p := settings.Parse(raw)
		if len(p) > 0 {
			t.Fatalf("%s settings: %v", name, p)
		}
		out = append(out, goldenCase{name, order, s})
	}
	return out
}

// receiptOf runs the core's pipeline (generic mapping, reconciliation) as
// the engine does.
func receiptOf(t *testing.T, c goldenCase) (*receipt.Receipt, receipt.Problems) {
	t.Helper()
	order, p := generic.Map(c.order)
	if p.HasErrors() {
		t.Fatalf("%s: mapping: %v", c.name, p)
	}
	r, more := receipt.Reconcile(order, c.settings.Rules)
	p.Add(more)
	if r == nil {
		t.Fatalf("%s: reconcile: %v", c.name, p)
	}
	return r, p
}

func buildCase(t *testing.T, c goldenCase, section json.RawMessage, rnd *rand.ChaCha8) (provider.Built, receipt.Problems) {
	t.Helper()
	r, p := receiptOf(t, c)
	raw, path := c.settings.Section("nanokassa")
	if section != nil {
		raw = section
	}
	b, more := nanokassa.New().Build(r, provider.Options{Test: c.settings.Test, Config: raw, ConfigPath: path, Rand: rnd})
	p.Add(more)
	if more.HasErrors() {
		t.Fatalf("%s: build: %v", c.name, more)
	}
	return b, p
}

// TestGolden builds every testdata/nanokassa/*.order.json with its settings
// and compares the payload with the .payload.json; every payload must also
// pass the simulator's independent Check and the order's own total.
func TestGolden(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			b, p := buildCase(t, c, nil, seeded(1))
			if bad := sim.Check(b.Payload); bad != nil {
				t.Errorf("payload breaks Nanokassa's rules: %v", bad)
			}
			checkAgainstOrder(t, c.order, b.Payload)
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, b.Payload, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			file := "../../../testdata/nanokassa/" + c.name + ".payload.json"
			if *update {
				if err := os.WriteFile(file, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (go test ./plugin/provider/nanokassa -run TestGolden -update, then review)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				t.Errorf("payload differs from %s:\n%s\nproblems: %v", file, pretty.String(), p)
			}
		})
	}
}

// checkAgainstOrder compares the payload with the generic order, computed
// in decimals from the order's own text: the receipt total equals the
// order's stated total (or payments, or Σ price × quantity − discounts), and
// every item's quantity is carried by its lines.
func checkAgainstOrder(t *testing.T, order, payload []byte) {
	t.Helper()
	o, pl := gjson.ParseBytes(order), gjson.ParseBytes(payload)
	var want decimal.Decimal
	switch {
	case o.Get("total").Exists():
		want = decimal.RequireFromString(o.Get("total").String())
	case o.Get("payments").Exists():
		for _, p := range o.Get("payments").Array() {
			want = want.Add(decimal.RequireFromString(p.Get("amount").String()))
		}
	default:
		for _, it := range o.Get("items").Array() {
			line := decimal.RequireFromString(it.Get("price").String()).Mul(decimal.RequireFromString(it.Get("quantity").String())).Round(2)
			if d := it.Get("discount"); d.Exists() {
				line = line.Sub(decimal.RequireFromString(d.String()))
			}
			want = want.Add(line)
		}
		for _, d := range o.Get("discounts").Array() {
			want = want.Sub(decimal.RequireFromString(d.Get("amount").String()))
		}
	}
	got := decimal.RequireFromString(pl.Get("itog_arr.itog_cheka").Raw).Shift(-2)
	if !got.Equal(want) {
		t.Errorf("itog_cheka %s RUB, the order says %s RUB", got, want)
	}
	var qty decimal.Decimal
	for _, it := range o.Get("items").Array() {
		qty = qty.Add(decimal.RequireFromString(it.Get("quantity").String()))
	}
	var lines decimal.Decimal
	for _, p := range pl.Get("products_arr").Array() {
		lines = lines.Add(decimal.RequireFromString(p.Get("kolvo").Raw))
	}
	if !lines.Equal(qty) {
		t.Errorf("lines carry quantity %s, the order %s", lines, qty)
	}
}

// TestGoldenThroughSimulator sends every golden order, encrypted with the
// simulator's keys, to the simulator over HTTP: it must decrypt both layers,
// accept the request, and hold exactly the payload Build returned; the
// status then comes back done.
func TestGoldenThroughSimulator(t *testing.T) {
	s := shared()
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, c := range loadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			section := simSection(t, s, srv.URL, c)
			b, _ := buildCase(t, c, section, seeded(2))
			res := send(t, b.Request, "build")
			if res.State != provider.StateQueued || res.ID == "" {
				t.Fatalf("submission: %+v %+v (%s)", res, res.Error, b.Request.Body[:40])
			}
			acc := s.Accepted()
			if !bytes.Equal(acc[len(acc)-1], b.Payload) {
				t.Errorf("the simulator decrypted\n%s\nBuild returned\n%s", acc[len(acc)-1], b.Payload)
			}
			raw, path := c.settings.Section("nanokassa")
			req, p := nanokassa.New().Command(provider.Command{Type: provider.CmdStatus,
				Params: json.RawMessage(`{"id":"` + res.ID + `"}`), ParamsPath: "command.params"},
				provider.Options{Config: section, ConfigPath: path})
			_ = raw
			if p.HasErrors() {
				t.Fatal(p)
			}
			st := send(t, req, "status")
			if st.State != provider.StateDone || st.Fiscal == nil || st.Fiscal.FiscalSign == "" || st.ID != res.ID {
				t.Errorf("status: %+v", st)
			}
			if want := decimal.RequireFromString(gjson.GetBytes(b.Payload, "itog_arr.itog_cheka").Raw).Shift(-2).StringFixed(2); st.Fiscal != nil && st.Fiscal.Total != want {
				t.Errorf("fiscal total %s, want %s", st.Fiscal.Total, want)
			}
		})
	}
}

// simSection is the case's nanokassa section with the simulator's keys,
// URLs and credentials.
func simSection(t *testing.T, s *sim.Sim, base string, c goldenCase) json.RawMessage {
	t.Helper()
	raw, _ := c.settings.Section("nanokassa")
	m := map[string]any{}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range s.Settings(base) {
		if k != "cms" {
			m[k] = v
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// send performs a request and parses the answer.
func send(t *testing.T, r provider.Request, kind string) provider.Result {
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
	var body bytes.Buffer
	if _, err := body.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	res, p := nanokassa.New().Parse(provider.Response{Status: resp.StatusCode, Body: body.String(), For: kind}, provider.Options{})
	if p.HasErrors() {
		t.Fatal(p)
	}
	return res
}
