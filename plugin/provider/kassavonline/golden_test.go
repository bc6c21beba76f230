package kassavonline_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/kopeck/kopeck/internal/goldencase"
	sim "github.com/kopeck/kopeck/internal/sim/kassavonline"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/kassavonline"
	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

const dir = "../../../testdata/kassavonline/"

// TestGolden builds every case through the engine (which reconciles with
// this provider's ExactLines) and compares payload, errors and warnings.
// Every payload is also checked by the simulator's independent Check and
// against the order's own numbers (checkAgainstOrder).
func TestGolden(t *testing.T) {
	for _, c := range goldencase.Load(t, dir, 8) {
		t.Run(c.Name, func(t *testing.T) {
			a := c.Build(t, nil)
			if !c.Expect(t, a) {
				c.Reconcile(t, kassavonline.New()) // mapping sound, any receipt keeps its invariants
				return
			}
			if bad := sim.Check(a.Payload); bad != nil {
				t.Errorf("payload breaks the document's rules: %v", bad)
			}
			checkAgainstOrder(t, c.Order, a.Payload)
			c.ComparePayload(t, a.Payload)
		})
	}
}

// checkAgainstOrder recomputes, in decimals from the order's own text, what
// the payload must say: the payments add up to the order's total (stated,
// or its payments, or Σ price × quantity − discounts), each item's quantity
// is carried by the items of the same title, and the line prices never
// exceed the listed price by more than a kopeck (a split).
func checkAgainstOrder(t *testing.T, order, payload []byte) {
	t.Helper()
	o, pl := gjson.ParseBytes(order), gjson.ParseBytes(payload)
	dec := func(r gjson.Result) decimal.Decimal {
		s := r.Str
		if r.Type == gjson.Number {
			s = r.Raw
		}
		return decimal.RequireFromString(s)
	}
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
			want = want.Add(dec(it.Get("price")).Mul(dec(it.Get("quantity"))).Round(2)) // FFD: each line rounded half up
		}
		for _, d := range o.Get("discounts").Array() {
			want = want.Sub(dec(d.Get("amount")))
		}
	}
	var paid decimal.Decimal
	for _, p := range pl.Get("receipt.payments").Array() {
		paid = paid.Add(dec(p.Get("amount")))
	}
	if !paid.Equal(want) {
		t.Errorf("payments %s, the order says %s", paid, want)
	}
	qty := map[string]decimal.Decimal{}
	for _, it := range o.Get("items").Array() {
		qty[it.Get("name").Str] = qty[it.Get("name").Str].Add(dec(it.Get("quantity")))
	}
	got := map[string]decimal.Decimal{}
	for _, it := range pl.Get("receipt.items").Array() {
		got[it.Get("title").Str] = got[it.Get("title").Str].Add(dec(it.Get("quantity")))
	}
	if len(got) != len(qty) {
		t.Errorf("titles %v, items %v", got, qty)
	}
	for name, q := range qty {
		if !got[name].Equal(q) {
			t.Errorf("%s: quantity %s in the payload, %s in the order", name, got[name], q)
		}
	}
}

// TestGoldenThroughSimulator sends every golden payload, with the
// simulator's credentials, over HTTP: it must be accepted exactly as built,
// and its status must come back done with the same total.
func TestGoldenThroughSimulator(t *testing.T) {
	s := sim.New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, c := range goldencase.Load(t, dir, 8) {
		if c.WantErrors != nil {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			m := map[string]any{}
			raw, path := c.Settings.Section("kassavonline")
			_ = json.Unmarshal(raw, &m)
			for k, v := range s.Settings(srv.URL) {
				m[k] = v
			}
			section, _ := json.Marshal(m)
			b := c.Build(t, section)
			if len(b.Errors) > 0 {
				t.Fatalf("%s", b.Raw)
			}
			o := provider.Options{Test: true, Config: section, ConfigPath: path}
			res := goldencase.Send(t, kassavonline.New(), b.Request, "build", o)
			if res.State != provider.StateQueued || res.ID == "" {
				t.Fatalf("%+v %+v", res, res.Error)
			}
			acc := s.Accepted()
			if !bytes.Equal(acc[len(acc)-1], b.Payload) {
				t.Fatalf("the simulator holds\n%s\nBuild returned\n%s", acc[len(acc)-1], b.Payload)
			}
			var st provider.Result
			for i := 0; i < 3 && st.State != provider.StateDone; i++ {
				req, p := kassavonline.New().Command(provider.Command{Type: provider.CmdStatus, Params: []byte(`{"id":"` + res.ID + `"}`)}, o)
				if p.HasErrors() {
					t.Fatal(p)
				}
				st = goldencase.Send(t, kassavonline.New(), req, provider.CmdStatus, o)
			}
			var paid decimal.Decimal
			for _, p := range gjson.GetBytes(b.Payload, "receipt.payments").Array() {
				paid = paid.Add(decimal.RequireFromString(p.Get("amount").Raw))
			}
			if st.State != provider.StateDone || st.Fiscal == nil || st.Fiscal.Total != paid.StringFixed(2) || st.ID != res.ID {
				t.Errorf("status %+v %+v", st, st.Fiscal)
			}
		})
	}
}
