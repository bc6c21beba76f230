package nanokassa_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/kopeck/kopeck/internal/goldencase"
	sim "github.com/kopeck/kopeck/internal/sim/nanokassa"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/nanokassa"
	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

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

const dir = "../../../testdata/nanokassa/"

// TestGolden builds every testdata/nanokassa/*.order.json with its settings
// through the engine and compares the payload with the .payload.json (go
// test ./plugin/provider/nanokassa -run TestGolden -update, then review);
// every payload must also pass the simulator's independent Check and the
// order's own total.
func TestGolden(t *testing.T) {
	for _, c := range goldencase.Load(t, dir, 9) {
		t.Run(c.Name, func(t *testing.T) {
			a := c.Build(t, nil)
			if len(a.Errors) > 0 {
				t.Fatalf("errors: %s", a.Raw) // no error cases here, and warnings are not golden
			}
			if bad := sim.Check(a.Payload); bad != nil {
				t.Errorf("payload breaks Nanokassa's rules: %v", bad)
			}
			checkAgainstOrder(t, c.Order, a.Payload)
			c.ComparePayloadExact(t, a.Payload)
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
	for _, c := range goldencase.Load(t, dir, 9) {
		t.Run(c.Name, func(t *testing.T) {
			section := simSection(t, s, srv.URL, c)
			b := c.Build(t, section)
			if len(b.Errors) > 0 {
				t.Fatalf("%s", b.Raw)
			}
			res := goldencase.Send(t, nanokassa.New(), b.Request, "build", provider.Options{})
			if res.State != provider.StateQueued || res.ID == "" {
				t.Fatalf("submission: %+v %+v (%s)", res, res.Error, b.Request.Body[:40])
			}
			acc := s.Accepted()
			if !bytes.Equal(acc[len(acc)-1], b.Payload) {
				t.Errorf("the simulator decrypted\n%s\nBuild returned\n%s", acc[len(acc)-1], b.Payload)
			}
			raw, path := c.Settings.Section("nanokassa")
			req, p := nanokassa.New().Command(provider.Command{Type: provider.CmdStatus,
				Params: json.RawMessage(`{"id":"` + res.ID + `"}`), ParamsPath: "command.params"},
				provider.Options{Config: section, ConfigPath: path})
			_ = raw
			if p.HasErrors() {
				t.Fatal(p)
			}
			st := goldencase.Send(t, nanokassa.New(), req, "status", provider.Options{})
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
func simSection(t *testing.T, s *sim.Sim, base string, c goldencase.Case) json.RawMessage {
	t.Helper()
	raw, _ := c.Settings.Section("nanokassa")
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
